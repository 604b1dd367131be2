import { describe, expect, it } from 'vitest';
import { isCrossSitePost } from '../../src/lib/origin.ts';

const headers = (values: Record<string, string>) => new Headers(values);
const SITE = 'https://kube.example.go.id';

describe('isCrossSitePost()', () => {
  it('lets a form through from the origin the browser used, https behind a proxy included', () => {
    const form = headers({ origin: SITE, 'content-type': 'application/x-www-form-urlencoded' });
    expect(isCrossSitePost('POST', form, SITE)).toBe(false);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['the same host over plain http', 'http://kube.example.go.id'],
    ['a suffix domain', 'https://kube.example.go.id.evil.example'],
    ['an opaque origin', 'null'],
  ])('refuses a form from %s', (_case, origin) => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      expect(isCrossSitePost('POST', headers({ origin, 'content-type': type }), SITE)).toBe(true);
    }
  });

  it('refuses a post with no origin and no body type, and lets safe methods and JSON through', () => {
    expect(isCrossSitePost('POST', headers({}), SITE)).toBe(true);
    expect(isCrossSitePost('GET', headers({ origin: 'https://evil.example' }), SITE)).toBe(false);
    // JSON needs a CORS preflight, which this server never grants (Astro's rule).
    const json = headers({ origin: 'https://evil.example', 'content-type': 'application/json' });
    expect(isCrossSitePost('POST', json, SITE)).toBe(false);
  });
});
