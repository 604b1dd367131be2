import { ActionError } from 'astro:actions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kubes } from '../../db/schema.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { BusyError, isBusy } from '../../src/lib/errors.ts';
import { asAction } from '../../src/lib/action-errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The in-process write queue of an embedded file (db/client.ts, db/write-queue.ts), with short limits.

let t: TestDatabase;
let logged: string[];
beforeEach(async () => {
  t = await createTestDatabase({ waitMs: 300, holdMs: 150 });
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((message: unknown) => {
    logged.push(String(message));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  t.cleanup();
});

const kube = (id: string) => ({ id, name: `KUBE ${id}`, desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });

/** A transaction that takes the lock and does not settle until `end` is called. */
function hangingTransaction() {
  let end = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  const done = t.db.transaction(async (tx) => {
    await tx.insert(kubes).values(kube('hanging'));
    await ended;
  });
  return { end, done };
}

describe('the write queue', () => {
  it('fails a writer stuck behind a transaction that never settles with a clear error, instead of for ever', async () => {
    const stuck = hangingTransaction();
    const started = performance.now();
    expect(
      isBusy(
        await t.db
          .insert(kubes)
          .values(kube('next'))
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(logged.some((line) => line.includes('waited 300 ms for the write lock and gave up'))).toBe(true);
    expect(logged.some((line) => line.includes('has held the write lock for 150 ms'))).toBe(true);
    stuck.end();
    await stuck.done;
  });

  it('passes the turn of a writer that gave up on, so the next one writes once the lock is free', async () => {
    const slow = hangingTransaction();
    const gaveUp = t.db.transaction(async (tx) => {
      await tx.insert(kubes).values(kube('impatient'));
    });
    await expect(gaveUp).rejects.toThrow(BusyError);
    slow.end();
    await slow.done;
    await t.db.insert(kubes).values(kube('later'));
    expect((await t.db.select({ id: kubes.id }).from(kubes)).map((k) => k.id).sort()).toEqual(['hanging', 'later']);
    expect(logged.some((line) => line.includes('the write lock was released after'))).toBe(true);
  });

  it('answers a busy database in an action as "busy, try again", which the test player retries', async () => {
    const error = await asAction(
      () => Promise.reject(new Error('Failed query', { cause: new BusyError('test') })),
      useTranslations('id'),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Server sedang sibuk. Coba lagi sebentar lagi.',
    });
  });
});
