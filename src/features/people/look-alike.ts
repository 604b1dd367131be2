import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { memberships, people } from '../../../db/schema.ts';

// Members pick their own name on a shared tablet, so two names that look the same in one KUBE send a
// member to the wrong person. A name is reduced to a "skeleton" in the spirit of Unicode TS #39: names
// with the same skeleton look alike. The admin is warned, never refused: two people may share a name.

/** Cyrillic and Greek letters drawn like Latin ones, in both cases (before and after case folding). */
const LOOK_ALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    // Cyrillic
    ['АаӐӑ', 'a'],
    ['Вв', 'b'],
    ['Сс', 'c'],
    ['ԁ', 'd'],
    ['ЕеЁё', 'e'],
    ['Нн', 'h'],
    ['һ', 'h'],
    ['ІіЇї', 'i'],
    ['Јј', 'j'],
    ['Кк', 'k'],
    ['ӏ', 'l'],
    ['Мм', 'm'],
    ['Оо', 'o'],
    ['Рр', 'p'],
    ['Ԛԛ', 'q'],
    ['Ѕѕ', 's'],
    ['Тт', 't'],
    ['УуҮү', 'y'],
    ['Ԝԝ', 'w'],
    ['Хх', 'x'],
    // Greek
    ['Αα', 'a'],
    ['Ββ', 'b'],
    ['Εε', 'e'],
    ['Ζ', 'z'],
    ['Η', 'h'],
    ['η', 'n'],
    ['Ιι', 'i'],
    ['Κκ', 'k'],
    ['Μ', 'm'],
    ['Ν', 'n'],
    ['ν', 'v'],
    ['Οο', 'o'],
    ['Ρρ', 'p'],
    ['Ττ', 't'],
    ['Υυ', 'y'],
    ['Χχ', 'x'],
  ].flatMap(([letters = '', latin = '']) => Array.from(letters, (letter) => [letter, latin])),
);

const lookAlikeLatin = (text: string) => Array.from(text, (char) => LOOK_ALIKES[char] ?? char).join('');

/** What a name looks like: compatibility forms folded, accents and case dropped, look-alike letters made Latin. */
export function nameSkeleton(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '');
  return lookAlikeLatin(lookAlikeLatin(folded).toLowerCase()).replace(/\s+/g, ' ').trim();
}

export type NamedPerson = { id: string; name: string };

/** Active members and officers with the KUBE they belong to today. */
async function listActiveMembers(db: Executor, kubeId?: string) {
  return db
    .select({ id: people.id, name: people.name, kubeId: memberships.kubeId })
    .from(people)
    .innerJoin(memberships, and(eq(memberships.personId, people.id), isNull(memberships.leftOn)))
    .where(and(eq(people.active, true), kubeId ? eq(memberships.kubeId, kubeId) : undefined));
}

/** For every active person whose name looks like another's in the same KUBE: those others. */
export async function listLookAlikes(db: Executor, kubeId?: string): Promise<Map<string, NamedPerson[]>> {
  const groups = new Map<string, NamedPerson[]>();
  for (const row of await listActiveMembers(db, kubeId)) {
    const key = `${row.kubeId}\u0000${nameSkeleton(row.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), { id: row.id, name: row.name }]);
  }
  const found = new Map<string, NamedPerson[]>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const person of group)
      found.set(
        person.id,
        group.filter((other) => other.id !== person.id),
      );
  }
  return found;
}

/** The active people of the same KUBE whose names look like this person's. */
export async function findLookAlikesOf(db: Executor, personId: string, kubeId: string | null | undefined) {
  if (!kubeId) return [];
  return (await listLookAlikes(db, kubeId)).get(personId) ?? [];
}
