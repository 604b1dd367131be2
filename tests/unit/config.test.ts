import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerConfig, sessionLifetimeMs } from '../../src/lib/config.ts';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );

describe('readServerConfig()', () => {
  it('runs on the embedded database file at port 4321 when nothing is set', () => {
    const config = readServerConfig({});
    expect(config.DATABASE_URL).toBe('file:data/kube-berdaya.db');
    expect(config.PORT).toBe(4321);
    expect(config.SESSION_DAYS).toBe(14);
  });

  it('accepts a libSQL server with a token, and treats empty values as unset', () => {
    const config = readServerConfig({
      DATABASE_URL: 'libsql://kube.example.org',
      DATABASE_AUTH_TOKEN: 'abc',
      PORT: '',
    });
    expect(config.DATABASE_URL).toBe('libsql://kube.example.org');
    expect(config.DATABASE_AUTH_TOKEN).toBe('abc');
    expect(config.PORT).toBe(4321);
  });

  it('trusts one proxy hop unless told otherwise', () => {
    expect(readServerConfig({}).TRUST_PROXY_HOPS).toBe(1);
    expect(readServerConfig({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' }).TRUST_PROXY_HOPS).toBe(2);
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/kube'],
    ['SESSION_DAYS', 'lama'],
    ['SESSION_DAYS', '0'],
    ['PORT', '70000'],
    ['TRUST_PROXY', 'yes'],
    ['PUBLIC_URL', 'kube.example.go.id'],
    ['PUBLIC_URL', 'ftp://kube.example.go.id'],
    ['TRUST_PROXY_HOPS', '0'],
    ['TRUST_PROXY_HOPS', '1.5'],
    ['TRUST_PROXY_HOPS', 'dua'],
  ])('names %s when its value %j is wrong', (name, value) => {
    expect(() => readServerConfig({ [name]: value })).toThrow(name);
  });

  it('takes the public address tablets open', () => {
    expect(readServerConfig({ PUBLIC_URL: 'https://kube.example.go.id' }).PUBLIC_URL).toBe(
      'https://kube.example.go.id',
    );
  });
});

describe('one source for the settings', () => {
  it('reads TRUST_PROXY as a yes or no, and the session lifetime from SESSION_DAYS', () => {
    expect(readServerConfig({}).TRUST_PROXY).toBe(false);
    expect(readServerConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    // 3 days × 24 h × 60 min × 60 s × 1000 ms = 259,200,000 ms.
    expect(sessionLifetimeMs(readServerConfig({ SESSION_DAYS: '3' }))).toBe(259_200_000);
  });

  it('is the only place the app reads the environment from', () => {
    // Every file under src/ but settings.ts reads parsed settings; astro:env would be a second schema.
    const readers = sourceFiles('src').filter((file) => {
      const text = readFileSync(file, 'utf8');
      return text.includes('astro:env') || /process\.env\b/.test(text);
    });
    // content.config.ts runs at build time only, to find the curriculum for tests (KUBE_CONTENT_DIR).
    expect(readers.sort()).toEqual(['src/content.config.ts', 'src/lib/settings.ts']);
    expect(readFileSync('astro.config.mjs', 'utf8')).not.toMatch(/envField|env:\s*\{/);
  });
});
