import type { Executor } from '../../../db/client.ts';
import { ROLES, type Role } from '../../../db/schema.ts';
import { searchText } from '../../lib/like.ts';
import type { SelectOption } from '../../lib/select-option.ts';
import { chooseArea, isAreaChosen, type AreaChoice } from '../kube/area-choice.ts';
import { listAreas } from '../kube/areas.ts';
import { listKubeOptions } from '../kube/queries.ts';

// The admin people list's filter as it arrives in the address: a role, a name, an area and a KUBE in it.

export type PeopleListFilter = { role: Role | null; q: string; area: AreaChoice; kubeId: string | null };

const asRole = (value: string | null): Role | null => ROLES.find((role) => role === value) ?? null;

/**
 * The filter, each part kept only when it names something there: a KUBE only among the KUBEs of the chosen
 * area, offered once a kabupaten narrows the choice (a district's 1,000 KUBEs make no select list).
 */
export async function loadPeopleFilter(db: Executor, params: URLSearchParams) {
  const areas = await listAreas(db);
  const area = chooseArea(params, areas);
  const kubes = isAreaChosen(area) ? await listKubeOptions(db, undefined, area) : [];
  const kubeOptions: SelectOption[] = kubes.map((kube) => ({ value: kube.id, label: `${kube.name} (${kube.desa})` }));
  const asked = params.get('kube');
  const filter: PeopleListFilter = {
    role: asRole(params.get('peran')),
    q: searchText(params),
    area,
    kubeId: kubeOptions.some((option) => option.value === asked) ? asked : null,
  };
  const filtered = filter.role !== null || filter.q !== '' || isAreaChosen(area);
  return { filter, filtered, areas, kubeOptions };
}
