import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileServiceWorker } from '../../astro.config.mjs';
import { startApp, type RunningApp } from './helpers/app.ts';

// The worker is linted, type-checked source (src/sw/service-worker.ts) that the build compiles; its
// behaviour offline is in learning.test.ts and shared-tablet.test.ts.

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.stop();
});

describe('/sw.js', () => {
  it('is src/sw/service-worker.ts as the build compiled it, with the build id in its cache name', async () => {
    const response = await fetch(`${app.url}/sw.js`);
    expect(response.status).toBe(200);
    const served = await response.text();
    const buildId = /`kube-belajar-\$\{"([a-z0-9]+-[0-9a-f]{6})"\}`/.exec(served)?.[1];
    expect(buildId).toBeDefined();
    expect(served).toBe(await compileServiceWorker(buildId ?? ''));
  });

  it('is a classic script, with the headers that let it control the whole site and stay fresh', async () => {
    const response = await fetch(`${app.url}/sw.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('service-worker-allowed')).toBe('/');
    // Registered without { type: 'module' }: an import or export would stop it from starting at all.
    const source = await response.text();
    expect(() => new Script(source)).not.toThrow();
  });
});
