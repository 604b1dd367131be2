import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { practiceTaskSchema } from './task-schema.ts';

// `npm run content:check` for content/tasks: each task as the build reads it (same schema), plus what one file
// cannot know alone: that its module exists and its positions are real jabatan codes. Kept in this slice (the
// learning slice's curriculum check would otherwise import practice, which imports learning).

/**
 * The jabatan codes of the platform, as db/migrations/0001_jabatan.sql makes them; a test compares this list
 * with the migrated table, so a new jabatan row fails until it is added here.
 */
export const JABATAN_CODES = [
  'ketua',
  'sekretaris',
  'bendahara',
  'koordinator_marketing',
  'anggota_marketing',
  'koordinator_pemberdayaan',
  'anggota_pemberdayaan',
] as const;

/** The `.yaml` files of a folder, sorted; none when the folder does not exist. */
export const yamlFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
};

/** The module slugs of content/modules (by the `slug` inside each file). */
function moduleSlugs(dir: string): Set<string> {
  return new Set(
    yamlFiles(join(dir, 'modules')).flatMap((file) => {
      const data: unknown = parse(readFileSync(file, 'utf8'));
      const slug = data && typeof data === 'object' && 'slug' in data ? data.slug : null;
      return typeof slug === 'string' ? [slug] : [];
    }),
  );
}

/** Every problem of the tasks under `dir`/tasks, as "file: field: message" lines; empty when all is well. */
export function checkTasks(dir = 'content'): string[] {
  const problems: string[] = [];
  const modules = moduleSlugs(dir);
  const known = new Set<string>(JABATAN_CODES);
  for (const file of yamlFiles(join(dir, 'tasks'))) {
    const result = practiceTaskSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(`${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    const task = result.data;
    if (!file.endsWith(`/${task.slug}.yaml`)) problems.push(`${file}: slug: must match the file name`);
    if (!modules.has(task.module)) problems.push(`${file}: module: "${task.module}" is not a module`);
    for (const [index, code] of task.positions.entries()) {
      if (!known.has(code)) problems.push(`${file}: positions.${index}: "${code}" is not a jabatan code`);
    }
  }
  return problems;
}
