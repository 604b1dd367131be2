import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubes } from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { loadAssessmentPage } from '../../src/features/capacity/load-assessment.ts';
import { changeDirection, loadAssessmentHistory } from '../../src/features/capacity/load-history.ts';
import { rubricShape, type Rubrics } from '../../src/features/capacity/rubric.ts';
import { archivePath } from '../../src/features/capacity/rubric-versions.ts';
import { rubricSchema } from '../../src/features/capacity/rubric-schema.ts';
import { capacityChange, correctAssessment, recordAssessment } from '../../src/features/capacity/service.ts';
import { DEMO_KUBE_ID, loadDemo } from '../../src/features/demo/seed.ts';
import { loadFactsPage } from '../../src/features/facts/load-page.ts';
import { addChannel, correctChannel } from '../../src/features/facts/service.ts';
import { loadKubePage } from '../../src/features/kube/load-page.ts';
import { loadPersonPage } from '../../src/features/people/load-page.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The loaders behind the KUBE, business-facts, capacity and person pages, on the demo KUBE: what each page is
// given, and when there is nothing to show (not found).

const rubric = rubricSchema.parse(parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')));
const shape = rubricShape({ data: rubric });
// The current rubric and the archived words of every earlier version, as the pages load them.
const rubrics: Rubrics = {
  current: rubric,
  of: (version) =>
    Promise.resolve(
      version === rubric.version
        ? rubric
        : rubricSchema.parse(parse(readFileSync(archivePath('content', rubric.slug, version), 'utf8'))),
    ),
};
const ADMIN: Actor = { id: 'demoadmindemo', role: 'admin', kubeId: null, assignedKubeIds: [] };
const FACILITATOR: Actor = {
  id: 'demopendampingdemo',
  role: 'pendamping',
  kubeId: null,
  assignedKubeIds: [DEMO_KUBE_ID],
};
const NOW = new Date('2026-11-02T03:00:00Z');
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadDemo(t.db);
  await t.db.insert(kubes).values({
    id: 'kubelain01',
    name: 'Sido Rukun',
    desa: 'Tanjungtani',
    kecamatan: 'Prambon',
    kabupaten: 'Nganjuk',
    provinsi: 'Jawa Timur',
  });
});
afterAll(() => {
  t.cleanup();
});

describe('loadKubePage()', () => {
  it('gives nothing for a KUBE that does not exist', async () => {
    await expect(loadKubePage(t.db, ADMIN, 'tidakada01', null, NOW)).resolves.toBeNull();
  });

  it('offers an admin the facilitators not yet assigned, and a facilitator none', async () => {
    const forAdmin = await loadKubePage(t.db, ADMIN, DEMO_KUBE_ID, null, NOW);
    const forFacilitator = await loadKubePage(t.db, FACILITATOR, DEMO_KUBE_ID, null, NOW);
    expect(forAdmin?.canAssign).toBe(true);
    expect(forAdmin?.facilitators.map((f) => f.personId)).toEqual(['demopendampingdemo']);
    expect(forAdmin?.candidates).toEqual([]);
    expect(forFacilitator?.canAssign).toBe(false);
    expect(forFacilitator?.candidates).toBeNull();
    expect(forFacilitator?.canRecord).toBe(true);
  });

  it('shows the structure of an asked past day, but today for a future or broken date', async () => {
    const past = await loadKubePage(t.db, ADMIN, DEMO_KUBE_ID, '2025-01-15', NOW);
    expect(past?.date).toBe('2025-01-15');
    for (const asked of ['2027-01-01', '2026-02-30', 'kemarin', null]) {
      expect((await loadKubePage(t.db, ADMIN, DEMO_KUBE_ID, asked, NOW))?.date).toBe('2026-11-02');
    }
  });

  it('gives every position of the history its list of corrections', async () => {
    const page = await loadKubePage(t.db, ADMIN, DEMO_KUBE_ID, null, NOW);
    expect(page?.history.length).toBeGreaterThan(0);
    expect([...(page?.corrections.keys() ?? [])].sort()).toEqual(page?.history.map((p) => p.positionId).sort());
  });
});

describe('loadAssessmentPage()', () => {
  it('tells the baseline from a follow-up', async () => {
    const baseline = await loadAssessmentPage(t.db, DEMO_KUBE_ID, 'demokapasitas1', rubrics);
    const followUp = await loadAssessmentPage(t.db, DEMO_KUBE_ID, 'demokapasitas2', rubrics);
    expect(baseline?.isBaseline).toBe(true);
    expect(followUp?.isBaseline).toBe(false);
    expect(followUp?.assessment.scores.size).toBe(shape.dimensions.flatMap((d) => d.itemIds).length);
  });

  it('gives nothing for an assessment of another KUBE, or one that does not exist', async () => {
    await expect(loadAssessmentPage(t.db, 'kubelain01', 'demokapasitas1', rubrics)).resolves.toBeNull();
    await expect(loadAssessmentPage(t.db, DEMO_KUBE_ID, 'tidakada01', rubrics)).resolves.toBeNull();
    await expect(loadAssessmentPage(t.db, 'tidakada01', 'demokapasitas1', rubrics)).resolves.toBeNull();
  });

  it('keeps the earliest assessment as baseline when a later one is recorded in another KUBE', async () => {
    const other = await recordAssessment(
      t.db,
      { kubeId: 'kubelain01', assessedOn: '2025-01-01', notes: null, scores: allScores(2) },
      shape,
      'demoadmindemo',
      '2026-11-02',
    );
    expect((await loadAssessmentPage(t.db, 'kubelain01', other.id, rubrics))?.isBaseline).toBe(true);
    expect((await loadAssessmentPage(t.db, DEMO_KUBE_ID, 'demokapasitas1', rubrics))?.isBaseline).toBe(true);
  });

  it('lists the corrections of its fields and of its scores, newest first', async () => {
    const [firstItem = ''] = shape.dimensions.flatMap((d) => d.itemIds);
    const before = await loadAssessmentPage(t.db, DEMO_KUBE_ID, 'demokapasitas2', rubrics);
    const old = before?.assessment.scores.get(firstItem) ?? 1;
    const input = { id: 'demokapasitas2', assessedOn: '2026-10-15', notes: 'dikoreksi' };
    await correctAssessment(t.db, { ...input, scores: {} }, shape, 'demoadmindemo', new Date('2026-11-01T01:00:00Z'));
    const scores = { [firstItem]: old === 4 ? 3 : old + 1 };
    await correctAssessment(t.db, { ...input, scores }, shape, 'demoadmindemo', new Date('2026-11-01T02:00:00Z'));
    const page = await loadAssessmentPage(t.db, DEMO_KUBE_ID, 'demokapasitas2', rubrics);
    expect(page?.changes[0]).toMatchObject({ itemId: firstItem, field: 'score', oldValue: old });
    expect(page?.changes.slice(1).map((c) => c.field)).toEqual(expect.arrayContaining(['assessedOn', 'notes']));
    expect(page?.changes.slice(1).every((c) => c.itemId === null)).toBe(true);
  });
});

describe('loadAssessmentHistory()', () => {
  it('gives every assessment its overall score, the same mean the change from the baseline uses', async () => {
    const page = await loadAssessmentHistory(t.db, DEMO_KUBE_ID, rubrics);
    // Newest first, the baseline marked.
    expect(page?.assessments.map((a) => [a.id, a.isBaseline])).toEqual([
      ['demokapasitas2', false],
      ['demokapasitas1', true],
    ]);
    const change = capacityChange([...(page?.assessments ?? [])].reverse(), shape);
    expect(page?.assessments[1]?.overall).toBe(change.overall.baseline);
    expect(page?.assessments[0]?.overall).toBe(change.overall.latest);
    expect(page?.shown).toMatchObject({ page: 1, total: 2 });
  });

  it('gives nothing for a KUBE that does not exist', async () => {
    await expect(loadAssessmentHistory(t.db, 'tidakada01', rubrics)).resolves.toBeNull();
  });
});

describe('changeDirection()', () => {
  it('judges a change at the one decimal shown', () => {
    expect(changeDirection(0.04)).toEqual({ direction: 'same', shown: 0 });
    expect(changeDirection(-0.04).direction).toBe('same');
    expect(changeDirection(0.06)).toEqual({ direction: 'up', shown: 0.1 });
    expect(changeDirection(-1.26)).toEqual({ direction: 'down', shown: -1.3 });
  });
});

describe('loadFactsPage()', () => {
  it("gives the KUBE's facts only, each with its corrections", async () => {
    const mine = await addChannel(
      t.db,
      { kubeId: DEMO_KUBE_ID, channel: 'pasar', detail: 'Pasar Prambon', startedOn: '2026-01-05', endedOn: null },
      'demopendampingdemo',
      NOW,
    );
    await addChannel(
      t.db,
      { kubeId: 'kubelain01', channel: 'pasar', detail: 'Pasar Lain', startedOn: '2026-01-05', endedOn: null },
      'demoadmindemo',
      NOW,
    );
    const fix = { id: mine.id, kubeId: DEMO_KUBE_ID, channel: 'pasar' as const, detail: 'Pasar Baru', endedOn: null };
    await correctChannel(t.db, { ...fix, startedOn: '2026-01-05' }, 'demopendampingdemo', NOW);
    const page = await loadFactsPage(t.db, DEMO_KUBE_ID, NOW);
    expect(page?.facts.channels.every((c) => c.kubeId === DEMO_KUBE_ID)).toBe(true);
    expect(page?.changes.channels.get(mine.id)).toMatchObject([{ field: 'detail', newValue: 'Pasar Baru' }]);
    expect(page?.changes.turnover.size).toBe(page?.facts.turnover.length);
  });

  it('gives nothing for a KUBE that does not exist', async () => {
    await expect(loadFactsPage(t.db, 'tidakada01', NOW)).resolves.toBeNull();
  });
});

describe('loadPersonPage()', () => {
  it('asks a member for a PIN and an officer for a password', async () => {
    const member = await loadPersonPage(t.db, 'demosumarnidemo');
    const officer = await loadPersonPage(t.db, 'demoketuademo');
    expect(member).toMatchObject({ usesPin: true, hasSecret: true });
    expect(officer).toMatchObject({ usesPin: false, hasSecret: true });
    expect(member?.kubeOptions.map((k) => k.id).sort()).toEqual([DEMO_KUBE_ID, 'kubelain01']);
  });

  it('gives nothing for a person who does not exist', async () => {
    await expect(loadPersonPage(t.db, 'tidakada01')).resolves.toBeNull();
  });
});

function allScores(score: number): Record<string, number> {
  return Object.fromEntries(shape.dimensions.flatMap((d) => d.itemIds).map((id) => [id, score]));
}
