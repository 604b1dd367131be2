import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Pages, endpoints and actions found by reading the code, so a test that walks them covers a new one (or
// fails asking for its rule) without anyone remembering to add it.

const PAGES = 'src/pages';

function listPageFiles(dir = PAGES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listPageFiles(path);
    return /\.(astro|ts)$/.test(entry.name) ? [path] : [];
  });
}

function routeOf(file: string): string {
  const route = `/${relative(PAGES, file)}`.replace(/\.(astro|ts)$/, '').replace(/\/?index$/, '');
  return route === '' ? '/' : route;
}

/** Every page and endpoint as its route pattern, e.g. `/kube/[id]/usaha`. */
export function listRoutes(): string[] {
  return listPageFiles().map(routeOf);
}

export type Endpoint = { route: string; methods: string[] };

/**
 * Routes that answer something other than a full page: endpoints (`.ts`, with the HTTP methods they export)
 * and page fragments (`.astro` with `export const partial = true`), which render for any method (`ALL`).
 */
export function listEndpoints(): Endpoint[] {
  return listPageFiles().flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    if (file.endsWith('.ts')) {
      const methods = [
        ...source.matchAll(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|ALL)\b/gm),
      ];
      return [{ route: routeOf(file), methods: methods.map((m) => m[1] ?? '') }];
    }
    return /^export const partial = true/m.test(source) ? [{ route: routeOf(file), methods: ['ALL'] }] : [];
  });
}

/** Actions as `namespace.name`, read from the feature slices' action files (a slice's part may have its own). */
export function listActions(): string[] {
  const files = readdirSync('src/features', { withFileTypes: true }).flatMap((slice) => {
    if (!slice.isDirectory()) return [];
    const dir = join('src/features', slice.name);
    const parts = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    return [join(dir, 'actions.ts'), ...parts.map((part) => join(dir, part.name, 'actions.ts'))];
  });
  return files.flatMap((file) => {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    const namespace = /export const (\w+) = \{/.exec(source)?.[1];
    return [...source.matchAll(/^ {2}(\w+): defineAction\(/gm)].map((m) => `${namespace ?? file}.${m[1] ?? ''}`);
  });
}
