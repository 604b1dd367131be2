import type { Rubric, RubricItem } from './rubric-schema.ts';

// What differs between two versions of the rubric, item by item, so that a comparison of assessments scored
// with different versions can say which items to read with care. Pure.

export type ItemDifference = {
  id: string;
  /** The item's text in the later version, or in the earlier one when the later has dropped it. */
  text: string;
  /** `changed`: in both, with other words, evidence, levels or dimension; otherwise in one version only. */
  kind: 'changed' | 'onlyEarlier' | 'onlyLater';
};

/** Two assessments scored with different rubric versions: which items to compare with care. */
export type VersionComparison = { baselineVersion: number; version: number; differences: ItemDifference[] };

type Placed = RubricItem & { dimension: string };

const itemsOf = (rubric: Rubric): Map<string, Placed> =>
  new Map(rubric.dimensions.flatMap((d) => d.items.map((item) => [item.id, { ...item, dimension: d.id }] as const)));

const same = (a: Placed, b: Placed) =>
  a.text === b.text &&
  a.evidence === b.evidence &&
  a.dimension === b.dimension &&
  a.levels.every((level, i) => level === b.levels[i]);

/** The items that differ from `earlier` to `later`: the later's order first, then the items it dropped. */
export function rubricDifferences(earlier: Rubric, later: Rubric): ItemDifference[] {
  const before = itemsOf(earlier);
  const after = itemsOf(later);
  const differences: ItemDifference[] = [];
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old) differences.push({ id, text: item.text, kind: 'onlyLater' });
    else if (!same(old, item)) differences.push({ id, text: item.text, kind: 'changed' });
  }
  for (const [id, item] of before) {
    if (!after.has(id)) differences.push({ id, text: item.text, kind: 'onlyEarlier' });
  }
  return differences;
}
