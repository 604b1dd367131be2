// `npm test`: static checks, a fresh build, then every test project (unit, integration, e2e).
import { spawnSync } from 'node:child_process';

const steps: [string, string[]][] = [
  ['astro', ['sync']],
  ['astro', ['check']],
  // The service worker is its own program (WebWorker types): astro check sees only the root tsconfig.
  ['tsc', ['-p', 'src/sw']],
  ['eslint', ['.', '--max-warnings', '0']],
  ['prettier', ['--check', '.']],
  ['astro', ['build']],
  ['vitest', ['run', ...process.argv.slice(2)]],
];

for (const [tool, args] of steps) {
  console.log(`\n▶ ${tool} ${args.join(' ')}`);
  const result = spawnSync('npx', [tool, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${tool} failed (exit ${result.status ?? result.signal ?? 'unknown'}).`);
    process.exit(result.status ?? 1);
  }
}
