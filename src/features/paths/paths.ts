import { getCollection, type CollectionEntry } from 'astro:content';
import type { Role } from '../../../db/schema.ts';
import { JABATAN_CODES } from '../practice/task-check.ts';
import { MEMBER_PATH, type PathStep } from './path-schema.ts';

// The learning path a person follows: their position's (content/paths/<jabatan>.yaml), or the members' path.
// Someone holding two positions (a ketua who also coordinates marketing) follows one path: the first position's
// modules, then the modules of the next that are not in it yet.

export type PathEntry = CollectionEntry<'paths'>;

/** Every path, by jabatan code. */
export async function listPaths(): Promise<Map<string, PathEntry>> {
  return new Map((await getCollection('paths')).map((path) => [path.id, path]));
}

export type PersonPath = {
  /** The jabatan codes whose paths make it (`anggota` for a member's path), in the jabatan table's order. */
  from: string[];
  steps: PathStep[];
};

/** The path of a member or an officer; null for staff, and for an officer who holds no position now. */
export function pathOf(paths: ReadonlyMap<string, PathEntry>, role: Role, held: readonly string[]): PersonPath | null {
  const codes =
    role === 'anggota' ? [MEMBER_PATH] : role === 'pengurus' ? JABATAN_CODES.filter((code) => held.includes(code)) : [];
  const from = codes.filter((code) => paths.has(code));
  if (from.length === 0) return null;
  const steps: PathStep[] = [];
  for (const code of from) {
    for (const step of paths.get(code)?.data.steps ?? []) {
      if (!steps.some((known) => known.module === step.module)) steps.push(step);
    }
  }
  return { from, steps };
}
