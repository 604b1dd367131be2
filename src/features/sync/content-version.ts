import { createHash } from 'node:crypto';
import { getCollection } from 'astro:content';

// The curriculum a server was built with, as one short fingerprint: every question's, rubric's and practical
// task's id and version. A field server and the district must agree on it, or attempts and scorings made in the
// field would be stored against different words than the district shows (README: "Field kit").

let cached: string | undefined;

/** The fingerprint of this build's curriculum (sha-256, hex, first 16 characters). */
export async function contentVersion(): Promise<string> {
  if (cached) return cached;
  const parts: string[] = [];
  for (const bank of await getCollection('questions')) {
    for (const question of bank.data.questions) parts.push(`q:${bank.id}:${question.id}@${question.version}`);
  }
  for (const rubric of await getCollection('rubrics')) parts.push(`r:${rubric.id}@${rubric.data.version}`);
  for (const task of await getCollection('tasks')) parts.push(`t:${task.id}@${task.data.version}`);
  cached = createHash('sha256').update(parts.sort().join('\n')).digest('hex').slice(0, 16);
  return cached;
}
