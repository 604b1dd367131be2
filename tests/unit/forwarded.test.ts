import { describe, expect, it } from 'vitest';
import { forwardedClient } from '../../src/lib/forwarded.ts';

describe('forwardedClient()', () => {
  it('takes the entry the trusted proxy added, not the one the client wrote at the left', () => {
    expect(forwardedClient('6.6.6.6, 10.0.0.7', 1)).toBe('10.0.0.7');
    expect(forwardedClient(' 10.0.0.7 ', 1)).toBe('10.0.0.7');
  });

  it('counts hops from the right when several trusted proxies append', () => {
    expect(forwardedClient('6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('falls back to the leftmost entry when the header is shorter than the hops, and to none when empty', () => {
    expect(forwardedClient('203.0.113.9', 3)).toBe('203.0.113.9');
    expect(forwardedClient('', 1)).toBeNull();
    expect(forwardedClient(null, 1)).toBeNull();
    expect(forwardedClient(' , ', 1)).toBeNull();
  });
});
