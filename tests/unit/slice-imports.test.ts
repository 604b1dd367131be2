import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Feature slices may use each other, but never in a circle: a cycle between two folders means neither can be
// understood, tested or moved alone. This reads every relative import under src/features and checks that the
// graph of slices (features/<slice>/…) has no cycle.

const FEATURES = join('src', 'features');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|astro)$/.test(entry.name) ? [path] : [];
  });
}

const sliceOf = (path: string): string | null => {
  const inside = relative(FEATURES, path);
  return inside.startsWith('..') ? null : (inside.split(/[\\/]/)[0] ?? null);
};

function sliceGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(FEATURES)) {
    const from = sliceOf(file);
    if (!from) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const to = sliceOf(resolve(dirname(file), match[1] ?? '').replace(`${resolve('.')}/`, ''));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Set<string>();
      edges.add(to);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle's path, found by depth-first search (each reported once, from its first slice in order). */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (path: string[]) => {
    const last = path.at(-1) ?? '';
    for (const next of graph.get(last) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const loop = path.slice(at);
        const start = loop.indexOf([...loop].sort()[0] ?? '');
        found.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' → '));
      } else walk([...path, next]);
    }
  };
  for (const slice of graph.keys()) walk([slice]);
  return [...found].sort();
}

describe('feature slices', () => {
  it('import each other without a cycle', () => {
    const graph = sliceGraph();
    expect(graph.size).toBeGreaterThan(5);
    expect(cycles(graph)).toEqual([]);
  });
});
