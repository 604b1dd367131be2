// `npm run content:check [folder]`: checks the curriculum files and says exactly what to fix, then lints
// every question bank for test quality (issue 16) and prints the table per module and form.
import { checkCurriculum, lintCurriculum } from '../src/features/learning/content-check.ts';
import { formatLintFindings, formatLintTable } from '../src/features/learning/content-lint-table.ts';
import { checkPaths } from '../src/features/paths/path-check.ts';
import { checkTasks } from '../src/features/practice/task-check.ts';

const dir = process.argv[2] ?? 'content';
// The practical tasks (content/tasks) and the learning paths (content/paths) are checked by their own slices,
// against the same modules.
const problems = [...checkCurriculum(dir), ...checkTasks(dir), ...checkPaths(dir)];
if (problems.length > 0) {
  console.error(`✖ ${problems.length} problem(s) in the curriculum:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('✓ The curriculum is valid.\n');

const results = lintCurriculum(dir);
console.log(`Test quality of the question banks:\n\n${formatLintTable(results)}\n\n${formatLintFindings(results)}\n`);
const failing = results.filter((r) => !r.passes).map((r) => r.module);
if (failing.length > 0) {
  console.error(`✖ ${failing.length} of ${results.length} bank(s) fail the content linter: ${failing.join(', ')}`);
  process.exit(1);
}
console.log(`✓ All ${results.length} question banks pass the content linter.`);
