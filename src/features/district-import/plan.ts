import type { RawRow } from './columns.ts';
import type { Existing } from './existing.ts';
import { issueMessage } from '../../lib/issues.ts';
import { kubeKey, planKubes } from './plan-kubes.ts';
import { planPeople } from './plan-people.ts';
import { planPositions } from './plan-positions.ts';
import type { ImportPlan, PlannedKube, PlannedPerson, RowIssue } from './plan-types.ts';
import { importRow, type ImportRow } from './schemas.ts';

/** Permensos 2/2019: a KUBE has 5 to 20 families. Outside that it is a warning: the file may be partial. */
const FAMILIES = { min: 5, max: 20 } as const;

function parseRows(rows: RawRow[], errors: RowIssue[]): { row: number; data: ImportRow }[] {
  const parsed: { row: number; data: ImportRow }[] = [];
  for (const { row, cells } of rows) {
    const result = importRow.safeParse(cells);
    if (result.success) parsed.push({ row, data: result.data });
    else {
      for (const issue of result.error.issues) {
        const column = issue.path[0];
        errors.push({
          row,
          column: typeof column === 'string' ? (column as RowIssue['column']) : null,
          message: issueMessage(issue),
        });
      }
    }
  }
  return parsed;
}

/** Families per KUBE once imported: its current members and the people the file puts in it. */
function familyWarnings(kubes: PlannedKube[], people: PlannedPerson[], existing: Existing): RowIssue[] {
  const members = new Map<string, Set<string>>();
  const add = (kubeId: string, personId: string) =>
    members.set(kubeId, (members.get(kubeId) ?? new Set()).add(personId));
  for (const membership of existing.memberships) add(membership.kubeId, membership.personId);
  for (const person of people) add(person.kubeId, person.id);
  return kubes.flatMap((kube) => {
    const count = members.get(kube.id)?.size ?? 0;
    if (count >= FAMILIES.min && count <= FAMILIES.max) return [];
    const key = count < FAMILIES.min ? 'import.warnings.fewFamilies' : 'import.warnings.manyFamilies';
    return [{ row: kube.firstRow, column: 'kubeName' as const, message: { key, params: { kube: kube.name, count } } }];
  });
}

/**
 * What importing `rows` would do to a database holding `existing`: no I/O, so the dry run, the upload's
 * preview and the apply (inside its transaction) all plan the same way. An import may go ahead only when
 * `errors` is empty; warnings are for the admin to read.
 */
export function planImport(rows: RawRow[], existing: Existing): ImportPlan {
  const errors: RowIssue[] = [];
  const parsed = parseRows(rows, errors);
  const kubeMap = planKubes(parsed, existing, errors);
  const people = planPeople(parsed, kubeMap, kubeKey, existing, errors);
  const jabatanOf = new Map(parsed.flatMap(({ row, data }) => (data.jabatan ? [[row, data.jabatan] as const] : [])));
  const positions = planPositions(people, jabatanOf, existing, errors);
  const kubes = [...kubeMap.values()];
  errors.sort((a, b) => a.row - b.row);
  const newKubes = kubes.filter((kube) => kube.isNew).length;
  const newPeople = people.filter((person) => person.isNew).length;
  const updatedPeople = people.filter((person) => !person.isNew && Object.keys(person.updates).length > 0).length;
  const newMemberships = people.filter((person) => person.newMembership).length;
  return {
    kubes,
    people,
    errors,
    warnings: familyWarnings(kubes, people, existing),
    counts: {
      kubes: { created: newKubes, updated: 0, skipped: kubes.length - newKubes },
      people: { created: newPeople, updated: updatedPeople, skipped: people.length - newPeople - updatedPeople },
      memberships: { created: newMemberships, updated: 0, skipped: people.length - newMemberships },
      positions,
    },
  };
}
