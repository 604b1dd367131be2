// Long computations in a request (a report over a district, an indicator trend) run on the one thread that
// also answers every tablet. Awaiting this between chunks of such work lets waiting requests run in between.

/** Resolves after the event loop has handled what was waiting (I/O, other requests): `setImmediate`, awaited. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** How long one chunk of synchronous work may run before it yields, in milliseconds. */
export const CHUNK_MS = 20;

/** Chunks for a loop: `if (work.due()) await work.pause();` yields once a chunk has run for `budget` ms. */
export function chunkedWork(budget = CHUNK_MS): { due: () => boolean; pause: () => Promise<void> } {
  let start = performance.now();
  return {
    due: () => performance.now() - start >= budget,
    async pause() {
      await yieldToEventLoop();
      start = performance.now();
    },
  };
}

/** Runs work written as a generator (it yields where it may pause) to its end, at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs work written as a generator to its end, letting other requests run every `budget` ms. */
export async function runStepsYielding<T>(steps: Generator<void, T>, budget = CHUNK_MS): Promise<T> {
  const work = chunkedWork(budget);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (work.due()) await work.pause();
  }
}
