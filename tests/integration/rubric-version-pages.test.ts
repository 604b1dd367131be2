import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubes } from '../../db/schema.ts';
import { loadAssessmentPage } from '../../src/features/capacity/load-assessment.ts';
import { loadAssessmentHistory } from '../../src/features/capacity/load-history.ts';
import { rubricShape, type Rubrics } from '../../src/features/capacity/rubric.ts';
import { rubricSchema } from '../../src/features/capacity/rubric-schema.ts';
import { archivePath } from '../../src/features/capacity/rubric-versions.ts';
import { correctAssessment, recordAssessment } from '../../src/features/capacity/service.ts';
import { loadDemo } from '../../src/features/demo/seed.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// A KUBE whose baseline was scored with rubric version 1 and its follow-up with the current version: each is
// shown in its own words, and the comparison says which items differ.

const current = rubricSchema.parse(parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')));
const v1 = rubricSchema.parse(parse(readFileSync(archivePath('content', current.slug, 1), 'utf8')));
const rubrics: Rubrics = { current, of: (version) => Promise.resolve(version === 1 ? v1 : current) };
const KUBE = 'kubeversi01';
const BY = 'demoadmindemo';
let t: TestDatabase;
let baselineId = '';
let followUp = '';

const allScores = (rubric: typeof current, score: number) =>
  Object.fromEntries(rubric.dimensions.flatMap((d) => d.items.map((item) => [item.id, score])));

beforeAll(async () => {
  t = await createTestDatabase();
  await loadDemo(t.db);
  await t.db.insert(kubes).values({
    id: KUBE,
    name: 'Rukun Santoso',
    desa: 'Sukomoro',
    kecamatan: 'Sukomoro',
    kabupaten: 'Nganjuk',
    provinsi: 'Jawa Timur',
  });
  // Recorded before version 2 existed: the service stores the version of the rubric it is given.
  baselineId = (
    await recordAssessment(
      t.db,
      { kubeId: KUBE, assessedOn: '2025-02-01', notes: null, scores: allScores(v1, 2) },
      rubricShape({ data: v1 }),
      BY,
      '2026-01-01',
    )
  ).id;
  followUp = (
    await recordAssessment(
      t.db,
      { kubeId: KUBE, assessedOn: '2025-12-01', notes: null, scores: allScores(current, 3) },
      rubricShape({ data: current }),
      BY,
      '2026-01-01',
    )
  ).id;
});
afterAll(() => {
  t.cleanup();
});

describe('assessments scored with different rubric versions', () => {
  it('shows the baseline in the words of version 1 and the follow-up in those of the current version', async () => {
    const old = await loadAssessmentPage(t.db, KUBE, baselineId, rubrics);
    expect(old?.rubric.version).toBe(1);
    expect(old?.rubric.levels[0]?.label).toBe('Belum ada');
    expect(old?.currentVersion).toBe(current.version);
    expect(old?.comparison).toBeNull();
    const latest = await loadAssessmentPage(t.db, KUBE, followUp, rubrics);
    expect(latest?.rubric.version).toBe(current.version);
    expect(latest?.comparison).toMatchObject({ baselineVersion: 1, version: current.version });
    expect(latest?.comparison?.differences).toContainEqual({
      id: 'sp-saluran-penjualan',
      text: 'Hasil usaha dijual lewat beberapa jalur penjualan.',
      kind: 'changed',
    });
  });

  it('compares the baseline with the latest follow-up and says the versions differ', async () => {
    const page = await loadAssessmentHistory(t.db, KUBE, rubrics);
    expect(page?.assessments.map((a) => a.rubricVersion)).toEqual([current.version, 1]);
    expect(page?.change.overall).toEqual({ baseline: 2, latest: 3, change: 1 });
    expect(page?.comparison?.differences.map((d) => d.id)).toContain('kl-laporan');
  });

  it('keeps the version of an old assessment when it is corrected', async () => {
    const id = baselineId;
    await correctAssessment(
      t.db,
      { id, assessedOn: '2025-02-02', notes: 'dikoreksi', scores: { 'sp-harga': 4 } },
      rubricShape({ data: v1 }),
      BY,
    );
    const page = await loadAssessmentPage(t.db, KUBE, id, rubrics);
    expect(page?.assessment.rubricVersion).toBe(1);
    expect(page?.assessment.scores.get('sp-harga')).toBe(4);
  });
});
