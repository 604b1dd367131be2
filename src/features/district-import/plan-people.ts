import { matchKey } from './columns.ts';
import type { Existing } from './existing.ts';
import type { PlannedKube, PlannedPerson, RowIssue } from './plan-types.ts';
import type { ImportRow } from './schemas.ts';
import { makeUsername } from './usernames.ts';
import { newId } from '../../lib/ids.ts';

type Row = { row: number; data: ImportRow };
type Person = Existing['people'][number];

/** Lookups over what exists, built once per plan. */
function indexExisting(existing: Existing) {
  const byUsername = new Map(existing.people.map((person) => [person.username, person]));
  const kubeOf = new Map(existing.memberships.map((m) => [m.personId, m.kubeId]));
  const byNameInKube = new Map<string, Person[]>();
  for (const person of existing.people) {
    const kubeId = kubeOf.get(person.id);
    if (!kubeId) continue;
    const key = `${kubeId}\u0000${matchKey(person.name)}`;
    byNameInKube.set(key, [...(byNameInKube.get(key) ?? []), person]);
  }
  return { byUsername, kubeOf, byNameInKube };
}

/**
 * Who each row is: the person with that username, else the one of that name in that KUBE, else a new person.
 * Returns the existing person, null for a new one, or the reason the row cannot be matched.
 */
function matchPerson(
  data: ImportRow,
  kube: PlannedKube,
  index: ReturnType<typeof indexExisting>,
): { person: Person | null } | (RowIssue['message'] & { column: RowIssue['column'] }) {
  const named = kube.isNew ? [] : (index.byNameInKube.get(`${kube.id}\u0000${matchKey(data.name)}`) ?? []);
  if (data.username) {
    const person = index.byUsername.get(data.username);
    if (!person) {
      const other = named[0];
      if (other)
        return { key: 'import.errors.usernameDiffers', params: { username: other.username }, column: 'username' };
      return { person: null };
    }
    const staff = person.role !== 'anggota' && person.role !== 'pengurus';
    if (staff || matchKey(person.name) !== matchKey(data.name)) {
      return { key: 'import.errors.usernameTaken', params: { name: person.name }, column: 'username' };
    }
    return { person };
  }
  if (named.length > 1) return { key: 'import.errors.nameAmbiguous', column: 'name' };
  return { person: named[0] ?? null };
}

export function planPeople(
  rows: Row[],
  kubes: Map<string, PlannedKube>,
  kubeKeyOf: (data: ImportRow) => string,
  existing: Existing,
  errors: RowIssue[],
): PlannedPerson[] {
  const index = indexExisting(existing);
  const taken = new Set(existing.people.map((person) => person.username));
  for (const { data } of rows) if (data.username) taken.add(data.username);
  const seen = new Map<string, number>();
  const planned: PlannedPerson[] = [];
  for (const { row, data } of rows) {
    const kube = kubes.get(kubeKeyOf(data));
    if (!kube) continue;
    // Two rows that would be one person: the same username, or the same name in one KUBE without one.
    const identity = data.username ?? `${kube.key}\u0000${matchKey(data.name)}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      const column = data.username ? 'username' : 'name';
      const key = data.username ? 'import.errors.usernameTwice' : 'import.errors.nameTwice';
      errors.push({ row, column, message: { key, params: { row: earlier } } });
      continue;
    }
    seen.set(identity, row);
    const match = matchPerson(data, kube, index);
    if (!('person' in match)) {
      const { column, ...message } = match;
      errors.push({ row, column, message });
      continue;
    }
    const person = match.person;
    if (person) {
      const current = index.kubeOf.get(person.id);
      if (current && current !== kube.id) {
        errors.push({ row, column: 'kubeName', message: { key: 'import.errors.otherKube' } });
        continue;
      }
      if (person.role !== data.role) {
        errors.push({
          row,
          column: 'role',
          message: { key: 'import.errors.roleDiffers', params: { role: person.role } },
        });
        continue;
      }
    }
    const updates: PlannedPerson['updates'] = {};
    if (person && data.sex && data.sex !== person.sex) updates.sex = data.sex;
    if (person && data.phone && data.phone !== person.phone) updates.phone = data.phone;
    planned.push({
      row,
      id: person?.id ?? newId(),
      isNew: !person,
      updates,
      name: person?.name ?? data.name,
      username: person?.username ?? data.username ?? makeUsername(data.name, taken),
      role: data.role,
      sex: data.sex,
      phone: data.phone,
      kubeKey: kube.key,
      kubeId: kube.id,
      newMembership: !person || !index.kubeOf.has(person.id),
      newPosition: null,
    });
  }
  return planned;
}
