// `npm run content:lock`: records each question's version and fingerprint in
// content/questions/versions.lock.json, after you added questions or raised versions.
import { loadCurriculum } from '../src/features/learning/content-check.ts';
import { writeLock } from '../src/features/learning/question-versions.ts';

const dir = process.argv[2] ?? 'content';
const problems: string[] = [];
const { banks } = loadCurriculum(dir, problems);
problems.push(...writeLock(dir, banks));
if (problems.length > 0) {
  console.error(`✖ Not locked:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`✓ Recorded ${banks.reduce((n, bank) => n + bank.data.questions.length, 0)} questions.`);
