import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { parse } from 'yaml';
import { rubricSchema, type Rubric } from './rubric-schema.ts';

// Each assessment stores the rubric version it was scored with, but the app only loads the current rubric.
// So that a past score keeps its meaning, every earlier version stays in content/rubric-versions/<slug>/<n>.yaml,
// and content/rubric-versions/lock.json records a fingerprint per version: a rubric edited without a new
// version, or an archived version edited afterwards, fails the tests.

const rubricLock = z.record(z.string(), z.record(z.string(), z.string().regex(/^[0-9a-f]{16}$/)));
export type RubricLock = z.output<typeof rubricLock>;

export const archivePath = (dir: string, slug: string, version: number) =>
  join(dir, 'rubric-versions', slug, `${version}.yaml`);

/** Everything a facilitator reads when scoring: labels, guidance, dimensions, items and level descriptors. */
export function rubricFingerprint(rubric: Rubric): string {
  return createHash('sha256').update(JSON.stringify(rubric)).digest('hex').slice(0, 16);
}

export function readRubricLock(dir: string): RubricLock {
  const path = join(dir, 'rubric-versions', 'lock.json');
  return existsSync(path) ? rubricLock.parse(JSON.parse(readFileSync(path, 'utf8'))) : {};
}

/** Problems: the current rubric changed without a new version, or an earlier version is missing or edited. */
export function checkRubricVersions(dir: string, rubric: Rubric, lock: RubricLock): string[] {
  const problems: string[] = [];
  const locked = lock[rubric.slug] ?? {};
  const current = locked[String(rubric.version)];
  if (current !== rubricFingerprint(rubric)) {
    problems.push(
      `rubrics/${rubric.slug}.yaml: version ${rubric.version} is ${current ? 'changed' : 'not recorded'}; ` +
        `copy the previous file to rubric-versions/${rubric.slug}/, raise version, and record ` +
        `"${rubricFingerprint(rubric)}" for it in rubric-versions/lock.json`,
    );
  }
  for (let version = 1; version < rubric.version; version++) {
    const path = archivePath(dir, rubric.slug, version);
    if (!existsSync(path)) {
      problems.push(`${path}: missing; assessments scored with version ${version} need its text`);
      continue;
    }
    const archived = rubricSchema.safeParse(parse(readFileSync(path, 'utf8')));
    if (!archived.success || archived.data.version !== version) {
      problems.push(`${path}: not a valid rubric of version ${version}`);
    } else if (locked[String(version)] !== rubricFingerprint(archived.data)) {
      problems.push(`${path}: differs from the version ${version} recorded in rubric-versions/lock.json`);
    }
  }
  return problems;
}
