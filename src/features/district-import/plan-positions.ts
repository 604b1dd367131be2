import { matchKey } from './columns.ts';
import type { Existing } from './existing.ts';
import type { Count, PlannedPerson, RowIssue } from './plan-types.ts';

type Jabatan = Existing['jabatan'][number];

/** A position of the list by its code ("ketua", "koordinator_marketing") or its name ("Koordinator Divisi Marketing"). */
function findJabatan(list: Jabatan[], written: string): Jabatan | undefined {
  const wanted = matchKey(written);
  return list.find(
    (kind) =>
      matchKey(kind.code) === wanted ||
      matchKey(kind.code.replaceAll('_', ' ')) === wanted ||
      matchKey(kind.name) === wanted,
  );
}

/**
 * Sets each person's `newPosition`. A single-holder position (ketua, a coordinator) goes to one person per
 * KUBE: a second row claiming it, or a holder already in the database, is an error on the Jabatan cell.
 */
export function planPositions(
  people: PlannedPerson[],
  jabatanOf: Map<number, string>,
  existing: Existing,
  errors: RowIssue[],
): Count {
  const count: Count = { created: 0, updated: 0, skipped: 0 };
  const names = new Map(existing.people.map((person) => [person.id, person.name]));
  const holders = new Map<string, { personId: string; name: string; row: number | null }>();
  const held = new Set<string>();
  for (const position of existing.positions) {
    held.add(`${position.kubeId}\u0000${position.jabatanCode}\u0000${position.personId}`);
    const key = `${position.kubeId}\u0000${position.jabatanCode}`;
    holders.set(key, { personId: position.personId, name: names.get(position.personId) ?? '', row: null });
  }
  for (const person of people) {
    const written = jabatanOf.get(person.row);
    if (!written) continue;
    const kind = findJabatan(existing.jabatan, written);
    if (!kind) {
      errors.push({
        row: person.row,
        column: 'jabatan',
        message: { key: 'import.errors.jabatan', params: { jabatan: written } },
      });
      continue;
    }
    if (held.has(`${person.kubeId}\u0000${kind.code}\u0000${person.id}`)) {
      count.skipped++;
      continue;
    }
    const key = `${person.kubeId}\u0000${kind.code}`;
    const holder = kind.singleHolder ? holders.get(key) : undefined;
    if (holder && holder.personId !== person.id) {
      const message =
        holder.row === null
          ? { key: 'import.errors.positionTaken' as const, params: { jabatan: kind.name, name: holder.name } }
          : { key: 'import.errors.twoHolders' as const, params: { jabatan: kind.name, row: holder.row } };
      errors.push({ row: person.row, column: 'jabatan', message });
      continue;
    }
    holders.set(key, { personId: person.id, name: person.name, row: person.row });
    person.newPosition = kind.code;
    count.created++;
  }
  return count;
}
