/**
 * Runs at most `limit` of the given tasks at once; the others wait their turn, first come first served. For work
 * that holds much memory while it runs (an argon2 hash holds 19 MiB): more at once would not finish sooner on a
 * machine of few cores, and each one more is that much more resident memory.
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((turn) => waiting.push(turn));
    running += 1;
    try {
      return await task();
    } finally {
      next();
    }
  };
}
