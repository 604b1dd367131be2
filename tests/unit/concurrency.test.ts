import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '../../src/lib/concurrency.ts';

describe('concurrencyLimit()', () => {
  it('runs at most the limit at once, in the order they came, and passes results and errors through', async () => {
    const limited = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      if (n === 3) throw new Error('three');
      return n;
    };
    const outcomes = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => limited(task(n))));
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      1,
      2,
      'three',
      4,
      5,
    ]);
  });
});
