import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rubricSchema } from '../../src/features/capacity/rubric-schema.ts';
import {
  checkRubricVersions,
  readRubricLock,
  rubricFingerprint,
  type RubricLock,
} from '../../src/features/capacity/rubric-versions.ts';

const rubric = rubricSchema.parse(parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')));
const lock = readRubricLock('content');

describe('rubric versions (content/rubric-versions)', () => {
  it('records the current rubric and keeps every earlier version, unchanged, for past assessments', () => {
    expect(rubric.version).toBeGreaterThan(1);
    expect(checkRubricVersions('content', rubric, lock)).toEqual([]);
  });

  it('refuses a level descriptor reworded without a new version', () => {
    const edited = structuredClone(rubric);
    const item = edited.dimensions[0]?.items[0];
    if (item) item.levels[2] = `${item.levels[2] ?? ''} Diperiksa setiap minggu.`;
    expect(checkRubricVersions('content', edited, lock)).toEqual([
      expect.stringMatching(/^rubrics\/kapasitas-kube\.yaml: version \d+ is changed; copy the previous file/),
    ]);
  });

  it('refuses a new version whose previous text was not archived', () => {
    const next = { ...structuredClone(rubric), version: rubric.version + 2 };
    const withNext: RubricLock = {
      [rubric.slug]: { ...lock[rubric.slug], [String(next.version)]: rubricFingerprint(next) },
    };
    expect(checkRubricVersions('content', next, withNext)).toEqual([
      `content/rubric-versions/kapasitas-kube/${rubric.version}.yaml: missing; assessments scored with version ${rubric.version} need its text`,
      `content/rubric-versions/kapasitas-kube/${rubric.version + 1}.yaml: missing; assessments scored with version ${rubric.version + 1} need its text`,
    ]);
  });

  it('refuses an archived version edited after the fact', () => {
    const tampered: RubricLock = { [rubric.slug]: { ...lock[rubric.slug], '1': '0000000000000000' } };
    expect(checkRubricVersions('content', rubric, tampered)).toEqual([
      'content/rubric-versions/kapasitas-kube/1.yaml: differs from the version 1 recorded in rubric-versions/lock.json',
    ]);
  });
});
