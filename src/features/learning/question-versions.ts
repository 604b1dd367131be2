import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import type { Question, QuestionBank } from './content-schemas.ts';

// Attempts keep the id and version of each question they showed. If a question's words change while
// its version stays, two different questions would share one (id, version) and past results would lie.
// The lock file records a fingerprint per version, so that mistake fails the tests.

const versionLock = z.record(
  z.string(),
  z.strictObject({ version: z.number().int().positive(), fingerprint: z.string().regex(/^[0-9a-f]{16}$/) }),
);
export type VersionLock = z.output<typeof versionLock>;

export const lockPath = (dir: string) => join(dir, 'questions', 'versions.lock.json');

/**
 * What a learner is shown and scored on: the text, the options and the answer; for a numeric item the text,
 * the number and the unit beside the box. (A choice item keeps the shape it always had, so its locked
 * fingerprints stay valid.)
 */
export function fingerprint(question: Question): string {
  const shown =
    question.type === 'number'
      ? { text: question.text, type: question.type, answer: question.answer, unit: question.unit ?? null }
      : { text: question.text, options: question.options, correct: question.correct };
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex').slice(0, 16);
}

export function readLock(dir: string): VersionLock {
  const path = lockPath(dir);
  // A hand-edited lock that lost its shape fails here, by name, rather than as a wrong comparison later.
  return existsSync(path) ? versionLock.parse(JSON.parse(readFileSync(path, 'utf8'))) : {};
}

/** Problems with versions: changed without a new version, version lowered, or not locked yet. */
export function checkVersions(banks: { file: string; data: QuestionBank }[], lock: VersionLock): string[] {
  const problems: string[] = [];
  for (const { file, data } of banks) {
    for (const [index, question] of data.questions.entries()) {
      const key = `${data.module}/${question.id}`;
      const locked = lock[key];
      const where = `${file}: questions.${index}.version`;
      if (!locked) {
        problems.push(`${where}: "${question.id}" is new; run \`npm run content:lock\` to record it`);
      } else if (question.version < locked.version) {
        problems.push(`${where}: "${question.id}" went back from version ${locked.version} to ${question.version}`);
      } else if (question.version === locked.version && fingerprint(question) !== locked.fingerprint) {
        problems.push(`${where}: "${question.id}" changed; raise its version to ${locked.version + 1}`);
      }
    }
  }
  return problems;
}

/** Records the current versions; refuses while a changed question still carries its old version. */
export function writeLock(dir: string, banks: { file: string; data: QuestionBank }[]): string[] {
  const current = readLock(dir);
  const problems = checkVersions(banks, current).filter((problem) => !problem.includes('is new'));
  if (problems.length > 0) return problems;
  const next: VersionLock = { ...current };
  for (const { data } of banks) {
    for (const question of data.questions) {
      next[`${data.module}/${question.id}`] = { version: question.version, fingerprint: fingerprint(question) };
    }
  }
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(lockPath(dir), `${JSON.stringify(sorted, null, 2)}\n`);
  return [];
}
