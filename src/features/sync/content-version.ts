import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_RETENTION_DAYS } from '../learning/content-schemas.ts';

// The curriculum a server runs, as one short fingerprint: every question's, rubric's and practical task's id and
// version, and each module's retention days (they decide when a retention test opens). A field server and the district must agree on it, or attempts and scorings made in the field would be
// stored against different words than the district shows (README: "Field kit"). Read from `content/` of the folder
// the server runs in (the build reads the same folder), so a test process and a server compute the same value.

let cached: string | undefined;

type Versioned = { id?: unknown; version?: unknown };

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
}

const slugOf = (file: string) => (file.split('/').at(-1) ?? file).replace(/\.yaml$/, '');

/** The fingerprint of a content folder (sha-256, hex, first 16 characters). */
export function contentVersionOf(dir: string): string {
  const parts: string[] = [];
  for (const file of yamlFiles(join(dir, 'questions'))) {
    const bank = parse(readFileSync(file, 'utf8')) as { questions?: Versioned[] } | null;
    for (const question of bank?.questions ?? []) {
      parts.push(`q:${slugOf(file)}:${String(question.id)}@${String(question.version)}`);
    }
  }
  for (const [kind, folder] of [
    ['r', 'rubrics'],
    ['t', 'tasks'],
  ] as const) {
    for (const file of yamlFiles(join(dir, folder))) {
      const entry = parse(readFileSync(file, 'utf8')) as Versioned | null;
      parts.push(`${kind}:${slugOf(file)}@${String(entry?.version)}`);
    }
  }
  for (const file of yamlFiles(join(dir, 'modules'))) {
    const module = parse(readFileSync(file, 'utf8')) as {
      retention?: { opensAfterDays?: number; dueByDays?: number };
    } | null;
    // Left out, a module takes the program's days.
    const { opensAfterDays, dueByDays } = { ...DEFAULT_RETENTION_DAYS, ...module?.retention };
    parts.push(`m:${slugOf(file)}:${String(opensAfterDays)}-${String(dueByDays)}`);
  }
  return createHash('sha256').update(parts.sort().join('\n')).digest('hex').slice(0, 16);
}

/** This server's curriculum fingerprint. */
export function contentVersion(): Promise<string> {
  cached ??= contentVersionOf(join(process.cwd(), 'content'));
  return Promise.resolve(cached);
}
