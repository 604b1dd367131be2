import { BusyError } from '../src/lib/errors.ts';

// The in-process lock behind `oneWriterAtATime` (client.ts). A writer waits its turn, but not for ever: a
// transaction that hangs (a slow await inside it, a promise that never settles) would otherwise stop every
// writer of the process for good. Waiting past `waitMs` fails with a BusyError, which actions answer as
// "busy, try again" (the test player retries); holding past `holdMs` is logged, and the lock is still released
// when the holder ends. Forcing it free instead would hand the next writer to SQLite's own lock, which the
// hung transaction still holds, and block the event loop for the busy timeout.

export type WriteQueueLimits = {
  /** How long a writer may wait for its turn before it fails. */
  waitMs: number;
  /** How long a writer may hold the lock before it is reported. */
  holdMs: number;
};

/** A writer that waits longer than this gets a BusyError (below the test player's 20 s request timeout). */
export const WRITE_WAIT_MS = 15_000;
/** A writer holding the lock longer than this is logged: no save should take more than a fraction of it. */
export const WRITE_HOLD_MS = 15_000;

/** A first-come, first-served lock; `acquire` resolves to the function that releases it (once). */
export class WriteQueue {
  readonly #limits: WriteQueueLimits;
  #tail: Promise<void> = Promise.resolve();

  constructor(limits: Partial<WriteQueueLimits> = {}) {
    this.#limits = { waitMs: WRITE_WAIT_MS, holdMs: WRITE_HOLD_MS, ...limits };
  }

  acquire(): Promise<() => void> {
    const { waitMs, holdMs } = this.#limits;
    let free = () => {};
    const held = new Promise<void>((resolve) => (free = resolve));
    const before = this.#tail;
    this.#tail = before.then(() => held);
    return new Promise((resolve, reject) => {
      let gaveUp = false;
      const patience = setTimeout(() => {
        gaveUp = true;
        console.error(`[db] a writer waited ${waitMs} ms for the write lock and gave up: is a transaction stuck?`);
        reject(new BusyError(`waited ${waitMs} ms for the write lock`));
      }, waitMs);
      void before.then(() => {
        clearTimeout(patience);
        // Its writer has gone: pass the turn on at once.
        if (gaveUp) {
          free();
          return;
        }
        const since = performance.now();
        const watch = setTimeout(() => {
          console.error(`[db] a writer has held the write lock for ${holdMs} ms; every other writer waits for it`);
        }, holdMs);
        watch.unref();
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          clearTimeout(watch);
          const heldMs = performance.now() - since;
          if (heldMs >= holdMs) console.error(`[db] the write lock was released after ${Math.round(heldMs)} ms`);
          free();
        });
      });
    });
  }
}
