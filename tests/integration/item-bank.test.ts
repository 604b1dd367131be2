import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { people } from '../../db/schema.ts';
import { learnerRoles, loadBankAttempts } from '../../src/features/analytics/item-bank-query.ts';
import { itemFlags, itemVersionStats } from '../../src/features/analytics/item-bank.ts';
import { buildItemBankView } from '../../src/features/analytics/item-bank-view.ts';
import { questionBankSchema } from '../../src/features/learning/content-schemas.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The item bank's statistics over a real libSQL file: 24 people took manajemen-kube, and mk-q03 was revised
// (version 1 → 2) halfway. The first twelve saw version 1, the others version 2: each version keeps its own
// figures, and a retake or another module's test changes nothing.

const MODULE = 'manajemen-kube';
let t: TestDatabase;
let serial = 0;

async function take(personId: string, kind: 'pre' | 'post', bits: string, q03: number, counted = true) {
  serial += 1;
  // Listed in the order the attempt showed them (shuffled), not the set's order.
  const [q01 = 0, q02 = 0, q03bit = 0] = Array.from(bits, (bit) => (bit === '1' ? 1 : 0));
  await seedAttempt(t.db, {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    personId,
    moduleSlug: MODULE,
    kind,
    results: { 'mk-q03': q03bit, 'mk-q01': q01, 'mk-q02': q02 },
    versions: { 'mk-q03': q03 },
    submittedAt: new Date(Date.UTC(2026, 10, 1, serial)),
    counted,
    form: 'A',
  });
}

const ids = Array.from({ length: 24 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db
    .insert(people)
    .values(ids.map((id) => ({ id, name: `Orang ${id}`, username: id, role: 'anggota' as const })));
  for (const [index, id] of ids.entries()) {
    const first = index < 12;
    // Pre-test (mk-q01, mk-q02, mk-q03). Version 1 of mk-q03 is right exactly for those who got mk-q02 wrong:
    // it goes against the rest of the test. Version 2 goes with it.
    const pre = first ? (index < 6 ? '110' : '101') : index < 18 ? '111' : '100';
    await take(id, 'pre', pre, first ? 1 : 2);
    await take(id, 'post', '111', first ? 1 : 2);
  }
  // A retake never counts, and another module's test is another bank.
  await take('p01', 'pre', '000', 1, false);
  await seedAttempt(t.db, {
    id: '00000000-0000-4000-8000-999999999999',
    personId: 'p02',
    moduleSlug: 'hakikat-kube',
    kind: 'pre',
    results: { 'mk-q03': 0 },
    submittedAt: new Date(Date.UTC(2026, 10, 2)),
    counted: true,
  });
});
afterAll(() => {
  t.cleanup();
});

describe('loadBankAttempts()', () => {
  it('reads every counted attempt of the module with the version each question showed, in the set’s order', async () => {
    const attempts = await loadBankAttempts(t.db, MODULE);
    expect(attempts).toHaveLength(48);
    expect(attempts.every((a) => a.questionIds.join() === 'mk-q01,mk-q02,mk-q03')).toBe(true);
    expect(new Set(attempts.map((a) => a.versions.join()))).toEqual(new Set(['1,1,1', '1,1,2']));
  });

  it('reads the same attempts in ranges of a few people as in one range', async () => {
    const whole = await loadBankAttempts(t.db, MODULE);
    const ranged = await loadBankAttempts(t.db, MODULE, { perQuery: 5 });
    const key = (a: { kind: string; bits: string; versions: readonly number[] }) =>
      `${a.kind}/${a.bits}/${a.versions.join()}`;
    expect(ranged.map(key).sort()).toEqual(whole.map(key).sort());
  });

  it('leaves out a facilitator who tried the officers’ test, unless the module is meant for facilitators', async () => {
    await t.db.insert(people).values({ id: 'fac1', name: 'Bu Rina', username: 'fac1', role: 'pendamping' });
    await take('fac1', 'pre', '000', 2);
    try {
      const everyone = await loadBankAttempts(t.db, MODULE);
      const learners = await loadBankAttempts(t.db, MODULE, { roles: learnerRoles(['pengurus']) });
      const forStaff = await loadBankAttempts(t.db, MODULE, { roles: learnerRoles(['pendamping']) });
      expect([everyone.length, learners.length, forStaff.length]).toEqual([49, 48, 49]);
      expect(learnerRoles(['pengurus'])).toEqual(['anggota', 'pengurus']);
    } finally {
      await t.db.delete(people).where(eq(people.id, 'fac1'));
    }
  });

  it('finds nothing for a module nobody has taken', async () => {
    expect(await loadBankAttempts(t.db, 'usaha-produk')).toEqual([]);
  });
});

describe('item statistics by version', () => {
  it('splits a revised item’s figures by version, and flags each version on its own', async () => {
    const stats = itemVersionStats(await loadBankAttempts(t.db, MODULE));
    const v1 = stats.find((s) => s.questionId === 'mk-q03' && s.version === 1);
    const v2 = stats.find((s) => s.questionId === 'mk-q03' && s.version === 2);
    expect([v1?.pre.n, v1?.post.n, v2?.pre.n, v2?.post.n]).toEqual([12, 12, 12, 12]);
    expect(v1?.pre.difficulty).toBe(0.5);
    expect(v1?.pre.pointBiserial).toBeCloseTo(-1, 12);
    expect(v2?.pre.pointBiserial).toBeCloseTo(1, 12);
    expect(v2?.pre.discrimination).toBe(1);
    expect(v1 && itemFlags(v1).negative).toBe('yes');
    expect(v2 && itemFlags(v2)).toEqual({ tooEasyBefore: 'no', negative: 'no' });
    // mk-q01 was never revised: all 24 people, and everyone knew it before the lessons (the retake's 0 is not read).
    const q01 = stats.find((s) => s.questionId === 'mk-q01');
    expect(q01?.pre.n).toBe(24);
    expect(q01 && itemFlags(q01).tooEasyBefore).toBe('yes');
  });

  it('shows the bank’s current version with its text and key, and the old version apart', async () => {
    // The bank as the page's loader gets it from the content collection (which vitest cannot read).
    const bank = questionBankSchema.parse(parse(readFileSync(`content/questions/${MODULE}.yaml`, 'utf8')));
    const loaded = { view: buildItemBankView(bank.questions, await loadBankAttempts(t.db, MODULE)) };
    expect(loaded.view.attempts).toBe(48);
    expect(loaded.view.forms.map((f) => f.form)).toEqual(['A', 'B']);
    const q03 = loaded.view.forms[0]?.items.find((i) => i.questionId === 'mk-q03');
    expect(q03?.version).toBe(2);
    expect(q03?.pre.n).toBe(12);
    expect(q03?.flags.negative).toBe('no');
    expect(q03?.text).toContain('Pak Harjo');
    expect(q03?.key.length).toBeGreaterThan(0);
    expect(loaded.view.old.map((o) => [o.questionId, o.version, o.currentVersion, o.flags.negative])).toEqual([
      ['mk-q03', 1, 2, 'yes'],
    ]);
    // A bank item nobody has seen yet waits for data.
    const q04 = loaded.view.forms[0]?.items.find((i) => i.questionId === 'mk-q04');
    expect(q04?.flags).toEqual({ tooEasyBefore: 'few', negative: 'few' });
  });
});
