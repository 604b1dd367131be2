// @ts-check
import node from '@astrojs/node';
import react from '@astrojs/react';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'astro/config';
import { transformWithOxc } from 'vite';
import { DEFAULT_PORT } from './src/lib/config.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { tablePlugin } from './src/lib/markdown/table-plugin.ts';

// A fresh id per build versions the offline cache: new content, new cache.
const BUILD_ID = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const SERVICE_WORKER = join(import.meta.dirname, 'src/sw/service-worker.ts');

/**
 * src/sw/service-worker.ts as the classic script served at /sw.js, with `buildId` in its cache name.
 * @param {string} buildId
 * @returns {Promise<string>}
 */
export async function compileServiceWorker(buildId) {
  const source = await readFile(SERVICE_WORKER, 'utf8');
  const { code } = await transformWithOxc(source, SERVICE_WORKER, {
    lang: 'ts',
    define: { __KUBE_BUILD__: JSON.stringify(buildId) },
  });
  return code;
}

/**
 * `virtual:kube/service-worker`: the compiled worker as a string, which src/pages/sw.js.ts serves.
 * @returns {import('vite').Plugin}
 */
function serviceWorker() {
  const id = '\0virtual:kube/service-worker';
  return {
    name: 'kube:service-worker',
    resolveId: (source) => (source === 'virtual:kube/service-worker' ? id : undefined),
    async load(loaded) {
      if (loaded !== id) return undefined;
      this.addWatchFile(SERVICE_WORKER);
      return `export default ${JSON.stringify(await compileServiceWorker(BUILD_ID))};`;
    },
  };
}

const FAST_PATH = join(import.meta.dirname, 'src/fast-path/index.ts');

/**
 * src/fast-path/index.ts as a second entry of the server bundle, `dist/server/fast-path.mjs`: scripts/server.ts
 * answers a tablet's answer saves and heartbeats with it, outside Astro's request pipeline, and because it is an
 * entry of the same build it shares the app's modules (one database connection, the same actions).
 * @returns {import('vite').Plugin}
 */
function fastPathEntry() {
  return {
    name: 'kube:fast-path-entry',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    options(options) {
      const input = options.input;
      if (!input || typeof input !== 'object' || Array.isArray(input)) {
        throw new Error('kube:fast-path-entry expects the server build to name its inputs');
      }
      return { ...options, input: { ...input, 'fast-path': FAST_PATH } };
    },
  };
}

export default defineConfig({
  output: 'server',
  // scripts/server.ts serves the built files itself and hands everything else to the app (middleware mode).
  // It reads every body within 1 MiB before Astro sees it; this is the same limit for any other way of serving.
  adapter: node({ mode: 'middleware', bodySizeLimit: 1024 * 1024 }),
  integrations: [react()],
  // Sessions are our own (src/features/auth/session.ts); Astro's would bake a file-session path into dist/.
  session: false,
  // Settings are environment variables parsed by src/lib/config.ts (one schema, one set of defaults).
  server: { port: DEFAULT_PORT, host: true },
  security: {
    // Our own middleware checks the origin instead (src/lib/origin.ts): Astro's compares with the URL the
    // server sees, which is http:// behind an HTTPS proxy, and so refused every form there.
    checkOrigin: false,
    // A paket lapangan upload may be large; scripts/server.ts keeps every other route's body to 1 MiB.
    actionBodySizeLimit: 20 * 1024 * 1024,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
      ],
    },
  },
  build: { inlineStylesheets: 'never' },
  // Lesson tables scroll in the design system's box, with Markdown's alignment as a class (the CSP blocks styles).
  markdown: { syntaxHighlight: false, processor: satteri({ hastPlugins: [tablePlugin] }) },
  vite: {
    // Bundled rather than loaded from node_modules: on Node 24 importing drizzle's ~100 modules re-reads its
    // 175 KB package.json exports each time and leaves the server 130 MB heavier (see \`npm run bench\`).
    ssr: { noExternal: ['drizzle-orm'] },
    plugins: [serviceWorker(), fastPathEntry()],
  },
});
