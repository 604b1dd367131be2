import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { admission } from '../../scripts/server.ts';

/** A response that can be finished or closed by hand. */
const response = () => new EventEmitter();

describe('admission (requests rendered at once)', () => {
  it('runs up to the limit, then the waiting ones in arrival order as responses finish', () => {
    const admit = admission(2);
    const ran: number[] = [];
    const responses = [0, 1, 2, 3].map((i) => {
      const res = response();
      admit(res, () => ran.push(i));
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
    const admit = admission(1);
    const ran: string[] = [];
    const first = response();
    const gone = response();
    admit(first, () => ran.push('first'));
    admit(gone, () => ran.push('gone'));
    admit(response(), () => ran.push('third'));
    gone.emit('close');
    first.emit('finish');
    expect(ran).toEqual(['first', 'third']);
  });
});
