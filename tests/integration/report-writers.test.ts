import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema.ts';
import { attempts } from '../../db/schema.ts';
import { saveAnswers } from '../../src/features/assessment/service.ts';
import { buildReportYielding } from '../../src/features/analytics/compute.ts';
import { loadPairs } from '../../src/features/analytics/pairs.ts';
import { seedDistrict, type District } from '../e2e/helpers/district.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// A long report cannot hold writers behind it (issue 14). An embedded libSQL file runs every query on the event
// loop, so what keeps a tablet's save from waiting for a whole district's report is the shape of the report's
// reads: bounded ranges of people with a turn of the event loop between them. Checked by order, not by time.

let t: TestDatabase;
let district: District;
const OPEN_ATTEMPT = '00000000-0000-4000-8000-00000000abcd';
/** More people than one range of the pairs query holds, so the report reads several ranges. */
const KUBES = 750;
const PER_KUBE = 8;

beforeAll(async () => {
  t = await createTestDatabase();
  district = await seedDistrict(t, KUBES, PER_KUBE);
  await t.db.insert(attempts).values({
    id: OPEN_ATTEMPT,
    personId: 'dp0',
    moduleSlug: 'modul-lain',
    kind: 'pre',
    items: [{ questionId: 'q1', version: 1, objective: 'o1', optionOrder: ['a', 'b'] }],
    answerKey: { q1: 'a' },
    startedAt: new Date('2026-11-30T01:00:00Z'),
    total: 1,
  });
}, 120_000);
afterAll(() => {
  t.cleanup();
});

const save = (n: number) =>
  saveAnswers(
    t.db,
    {
      attemptId: OPEN_ATTEMPT,
      personId: 'dp0',
      answers: [
        {
          questionId: 'q1',
          optionId: n % 2 ? 'a' : 'b',
          answeredAt: new Date(Date.UTC(2026, 10, 30, 2, 0, n)).toISOString(),
        },
      ],
    },
    new Date(Date.UTC(2026, 10, 30, 2, 1, n)),
  );

/** The client, with the number of rows of every answer it gave counted. */
function counting(client: Client, rows: number[]): Client {
  return new Proxy(client, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (name !== 'execute' || typeof value !== 'function') return value;
      return async (...args: Parameters<Client['execute']>) => {
        const result = await target.execute(...args);
        rows.push(result.rows.length);
        return result;
      };
    },
  });
}

describe('loadPairs()', () => {
  it('stores an answer saved while a district report reads its pairs before the reading is done', async () => {
    const done: string[] = [];
    const read = loadPairs(t.db, { moduleSlug: district.moduleSlug }).then((pairs) => {
      done.push('pairs');
      return pairs;
    });
    // Issued on the next turn of the event loop, once the report has begun its reads.
    const saved = new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        save(1).then(() => {
          done.push('save');
          resolve();
        }, reject);
      }),
    );
    const [pairs] = await Promise.all([read, saved]);
    expect(pairs).toHaveLength(KUBES * PER_KUBE);
    expect(done).toEqual(['save', 'pairs']);
  }, 60_000);

  it('then lets a save through while it computes the statistics', async () => {
    const pairs = await loadPairs(t.db, { moduleSlug: district.moduleSlug });
    const done: string[] = [];
    // A budget of 0 ms yields at every step, so the order does not hang on how fast this machine is today.
    const report = buildReportYielding(pairs, undefined, undefined, 0).then((built) => {
      done.push('report');
      return built;
    });
    const saved = new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        save(2).then(() => {
          done.push('save');
          resolve();
        }, reject);
      }),
    );
    const [built] = await Promise.all([report, saved]);
    expect(built.n).toBe(KUBES * PER_KUBE);
    expect(done).toEqual(['save', 'report']);
  }, 60_000);

  it('reads a district in ranges of people, never every candidate in one answer', async () => {
    const rows: number[] = [];
    const observed = drizzle(counting(t.client, rows), { schema });
    const pairs = await loadPairs(observed, { moduleSlug: district.moduleSlug });
    expect(pairs).toHaveLength(KUBES * PER_KUBE);
    expect(rows.length).toBeGreaterThan(2);
    // Every answer is one row (a range's last id, a range's pairs as one JSON text) or the few question sets.
    expect(Math.max(...rows)).toBeLessThanOrEqual(2);
  }, 60_000);

  it('gives the same pairs with scores only when the question results are not wanted', async () => {
    const full = await loadPairs(t.db, { moduleSlug: district.moduleSlug });
    const lean = await loadPairs(t.db, { moduleSlug: district.moduleSlug }, { items: false });
    const scoresOnly = (side: (typeof full)[number]['pre']) => ({
      score: side.score,
      form: null,
      questionIds: [],
      bits: '',
    });
    expect(full.some((pair) => pair.pre.bits.length > 0)).toBe(true);
    expect(lean).toEqual(full.map((pair) => ({ ...pair, pre: scoresOnly(pair.pre), post: scoresOnly(pair.post) })));
  }, 60_000);
});
