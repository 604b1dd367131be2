import type { Sex } from './pairs.ts';

// Figures split by a person's recorded sex (README: "Gain reports"): Laki-laki, Perempuan, not recorded, and
// everyone. Pure; the arithmetic of each row is the caller's own (the gain report's main figures, indicator 2's
// group), so a row by sex is computed exactly as the whole.

export const SEX_GROUPS = ['L', 'P', 'unknown', 'all'] as const;
export type SexGroup = (typeof SEX_GROUPS)[number];

/** Which group a recorded sex falls in; null (not recorded) stays unknown, never guessed. */
export const sexGroupOf = (sex: Sex | null): Exclude<SexGroup, 'all'> => sex ?? 'unknown';

/**
 * The rows by sex, in the order of SEX_GROUPS, each `figures` over its own pairs; "all" over every pair, so the
 * three groups add up to it.
 */
export function bySex<P extends { sex: Sex | null }, R>(
  pairs: readonly P[],
  figures: (group: SexGroup, pairs: readonly P[]) => R,
): R[] {
  const groups = new Map<SexGroup, P[]>(SEX_GROUPS.map((group) => [group, []]));
  for (const pair of pairs) groups.get(sexGroupOf(pair.sex))?.push(pair);
  return SEX_GROUPS.map((group) => figures(group, group === 'all' ? pairs : (groups.get(group) ?? [])));
}
