import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REQUIRED_DIMENSIONS, rubricSchema, type Rubric } from '../../src/features/capacity/rubric-schema.ts';

const raw: unknown = parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8'));

/** A fresh, valid copy of the real rubric, for the tests that break one thing in it. */
function copyRubric(): Rubric {
  return structuredClone(rubricSchema.parse(raw));
}

/** The messages of every problem the schema finds in `data`; empty when it is valid. */
function problemsIn(data: unknown): string[] {
  const result = rubricSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('the capacity rubric in content/rubrics/kapasitas-kube.yaml', () => {
  const result = rubricSchema.safeParse(raw);

  it('is valid', () => {
    expect(result.error?.issues ?? []).toEqual([]);
  });

  const rubric = rubricSchema.parse(raw);
  const items = rubric.dimensions.flatMap((d) => d.items);

  it('has the six dimensions of indicator 3 and of the KUBE regulation, each of the right kind', () => {
    expect(rubric.dimensions.map((d) => [d.id, d.kind])).toEqual(
      expect.arrayContaining(Object.entries(REQUIRED_DIMENSIONS)),
    );
    expect(rubric.dimensions).toHaveLength(6);
  });

  it('labels the scores 1 to 4 in order', () => {
    expect(rubric.levels.map((l) => l.score)).toEqual([1, 2, 3, 4]);
  });

  it('gives every item exactly four non-empty level descriptors', () => {
    for (const item of items) {
      expect(item.levels, item.id).toHaveLength(4);
      for (const descriptor of item.levels) expect(descriptor.trim(), item.id).not.toBe('');
    }
  });

  it('has 3 to 5 items in each dimension, with ids unique across the rubric', () => {
    for (const dimension of rubric.dimensions) {
      expect(dimension.items.length, dimension.id).toBeGreaterThanOrEqual(3);
      expect(dimension.items.length, dimension.id).toBeLessThanOrEqual(5);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(rubric.dimensions.map((d) => d.id)).size).toBe(rubric.dimensions.length);
  });
});

describe('rubricSchema', () => {
  it('refuses a rubric missing a dimension, naming it', () => {
    const rubric = copyRubric();
    rubric.dimensions = rubric.dimensions.filter((d) => d.id !== 'kemitraan');
    expect(problemsIn(rubric)).toEqual(['missing dimension "kemitraan"']);
  });

  it('refuses an item id used twice, naming the id', () => {
    const rubric = copyRubric();
    const [first, second] = rubric.dimensions;
    const reused = first?.items[0]?.id ?? '';
    if (second?.items[0]) second.items[0].id = reused;
    expect(problemsIn(rubric)).toEqual([
      `item id "${reused}" is used twice; item ids must be unique in the whole rubric`,
    ]);
  });

  it('refuses a rubric with only 3 levels', () => {
    const rubric = copyRubric();
    rubric.levels = rubric.levels.slice(0, 3);
    expect(problemsIn(rubric)).toEqual(['a rubric needs exactly 4 levels, for scores 1–4']);
  });

  it('refuses an item with 3 descriptors', () => {
    const rubric = copyRubric();
    const item = rubric.dimensions[0]?.items[0];
    if (item) item.levels = item.levels.slice(0, 3);
    expect(problemsIn(rubric)).toEqual(['an item needs exactly 4 level descriptors, one per score 1–4']);
  });

  it('refuses a dimension of the wrong kind and an unknown dimension', () => {
    const rubric = copyRubric();
    const sosial = rubric.dimensions.find((d) => d.id === 'sosial');
    if (sosial) sosial.kind = 'program';
    const extra = rubric.dimensions.find((d) => d.id === 'usaha');
    if (extra) rubric.dimensions.push({ ...extra, id: 'lain-lain', items: [] });
    expect(problemsIn(rubric)).toEqual(
      expect.arrayContaining([
        'dimension "sosial" must be kind "regulasi"',
        expect.stringMatching(/^unknown dimension "lain-lain"/),
      ]),
    );
  });
});
