// `npm run content:check [folder]`: checks the curriculum files and says exactly what to fix.
import { checkCurriculum } from '../src/features/learning/content-check.ts';

const problems = checkCurriculum(process.argv[2] ?? 'content');
if (problems.length > 0) {
  console.error(`✖ ${problems.length} problem(s) in the curriculum:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('✓ The curriculum is valid.');
