import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { admission, type AdmissionOptions } from '../../scripts/server/admission.ts';

/** A response that can be finished or closed by hand. */
const response = () => new EventEmitter();

const options = (limit: number, more: Partial<AdmissionOptions> = {}): AdmissionOptions => ({
  limit,
  perClientLimit: limit,
  maxWaitingPerClient: 100,
  maxWaitMs: 10_000,
  ...more,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('admission()', () => {
  it('runs up to the limit, then the waiting ones in arrival order as responses finish', () => {
    const admit = admission(options(2));
    const ran: number[] = [];
    const responses = [0, 1, 2, 3].map((i) => {
      const res = response();
      admit('tablet', res, () => ran.push(i), vi.fn());
      return res;
    });
    expect(ran).toEqual([0, 1]);
    responses[1]?.emit('finish');
    responses[1]?.emit('close'); // after finish: leaves only once
    expect(ran).toEqual([0, 1, 2]);
    responses[0]?.emit('close');
    expect(ran).toEqual([0, 1, 2, 3]);
  });

  it('drops a waiting request whose client left, without running it or losing a place', () => {
    const admit = admission(options(1));
    const ran: string[] = [];
    const first = response();
    const gone = response();
    admit('a', first, () => ran.push('first'), vi.fn());
    admit('a', gone, () => ran.push('gone'), vi.fn());
    admit('a', response(), () => ran.push('third'), vi.fn());
    gone.emit('close');
    first.emit('finish');
    expect(ran).toEqual(['first', 'third']);
  });

  it('gives each client address its turn, so a flood from one does not push another to the back', () => {
    const admit = admission(options(1));
    const ran: string[] = [];
    const first = response();
    admit('laptop', first, () => ran.push('laptop-0'), vi.fn());
    const flood = [1, 2, 3, 4, 5].map((i) => {
      const res = response();
      admit('laptop', res, () => ran.push(`laptop-${i}`), vi.fn());
      return res;
    });
    const tablet = response();
    admit('tablet', tablet, () => ran.push('tablet'), vi.fn());
    first.emit('finish');
    flood[0]?.emit('finish');
    expect(ran).toEqual(['laptop-0', 'laptop-1', 'tablet']);
  });

  it('keeps slots free for others while one address holds its share', () => {
    const admit = admission(options(4, { perClientLimit: 2 }));
    const ran: string[] = [];
    for (let i = 0; i < 6; i++) admit('laptop', response(), () => ran.push(`laptop-${i}`), vi.fn());
    admit('tablet', response(), () => ran.push('tablet'), vi.fn());
    expect(ran).toEqual(['laptop-0', 'laptop-1', 'tablet']);
  });

  it('refuses at once what one address queues past its bound', () => {
    const admit = admission(options(1, { maxWaitingPerClient: 2 }));
    const refused = vi.fn();
    for (let i = 0; i < 4; i++) admit('laptop', response(), vi.fn(), refused);
    expect(refused).toHaveBeenCalledExactlyOnceWith('busy');
    const other = vi.fn();
    admit('tablet', response(), vi.fn(), other);
    expect(other).not.toHaveBeenCalled();
  });

  it('refuses a request that waited too long, and never runs it', () => {
    vi.useFakeTimers();
    const admit = admission(options(1, { maxWaitMs: 1_000 }));
    const first = response();
    admit('a', first, vi.fn(), vi.fn());
    const run = vi.fn();
    const refused = vi.fn();
    admit('b', response(), run, refused);
    vi.advanceTimersByTime(999);
    expect(refused).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refused).toHaveBeenCalledExactlyOnceWith('timeout');
    first.emit('finish');
    expect(run).not.toHaveBeenCalled();
  });
});
