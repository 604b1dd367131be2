import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { moduleSchema } from '../learning/content-schemas.ts';
import { JABATAN_CODES, yamlFiles } from '../practice/task-check.ts';
import { learningPathSchema, MEMBER_PATH } from './path-schema.ts';

// `npm run content:check` for content/paths: each path as the build reads it, plus what one file cannot know
// alone: that it names a real position, that its modules exist and are meant for whoever follows the path
// (officers for a jabatan's path, members for `anggota.yaml`), and that every position has a path.

/** Who may study each module, by slug, as content/modules says (files that do not parse are left out). */
function moduleRoles(dir: string): Map<string, readonly string[]> {
  const roles = new Map<string, readonly string[]>();
  for (const file of yamlFiles(join(dir, 'modules'))) {
    const result = moduleSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (result.success) roles.set(result.data.slug, result.data.audience.roles);
  }
  return roles;
}

/** Every problem of the paths under `dir`/paths, as "file: field: message" lines; empty when all is well. */
export function checkPaths(dir = 'content'): string[] {
  const problems: string[] = [];
  const roles = moduleRoles(dir);
  const known = new Set<string>([...JABATAN_CODES, MEMBER_PATH]);
  const seen = new Set<string>();
  for (const file of yamlFiles(join(dir, 'paths'))) {
    const result = learningPathSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(`${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    const path = result.data;
    seen.add(path.jabatan);
    if (!file.endsWith(`/${path.jabatan}.yaml`)) problems.push(`${file}: jabatan: must match the file name`);
    if (!known.has(path.jabatan)) problems.push(`${file}: jabatan: "${path.jabatan}" is not a jabatan code`);
    const role = path.jabatan === MEMBER_PATH ? 'anggota' : 'pengurus';
    for (const [index, step] of path.steps.entries()) {
      const forWhom = roles.get(step.module);
      if (!forWhom) problems.push(`${file}: steps.${index}.module: "${step.module}" is not a module`);
      else if (!forWhom.includes(role))
        problems.push(`${file}: steps.${index}.module: "${step.module}" is not meant for ${role}`);
    }
  }
  if (yamlFiles(join(dir, 'paths')).length > 0) {
    for (const code of known) if (!seen.has(code)) problems.push(`${join(dir, 'paths')}: no path for "${code}"`);
  }
  return problems;
}
