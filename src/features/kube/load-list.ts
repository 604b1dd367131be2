import type { Executor } from '../../../db/client.ts';
import { searchText } from '../../lib/like.ts';
import { pageWindow } from '../../lib/pages.ts';
import { chooseArea, isAreaChosen } from './area-choice.ts';
import { listAreas } from './areas.ts';
import { countKubes, listKubes } from './queries.ts';

/**
 * The KUBE list (`/kube`) for the address it was asked with: a name search (`?cari=`), an area, one page. `only`
 * narrows it to a facilitator's KUBEs, and the area choices to their KUBEs' places.
 */
export async function loadKubeList(db: Executor, params: URLSearchParams, only?: readonly string[]) {
  const areas = await listAreas(db, only);
  const filter = { q: searchText(params), area: chooseArea(params, areas) };
  const shown = pageWindow(params, await countKubes(db, only, filter));
  const list = await listKubes(db, only, shown, filter);
  return { areas, filter, filtered: filter.q !== '' || isAreaChosen(filter.area), shown, list };
}
