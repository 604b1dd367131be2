// How the server process is started. Measured with `npm run bench` (200 connections on a 2-core machine):
// Node's defaults let the young generation grow to ~170 MB of heap for ~50 MB of live objects, and glibc
// keeps one malloc arena per thread-pool thread. With these two settings the server stays under 200 MB at
// the same throughput.
import { spawn } from 'node:child_process';

/** A smaller young generation: more frequent, cheaper scavenges, far less heap held. */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=8'];
/** Fewer malloc arenas for compression's worker threads (read by glibc when the process starts). */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };

const configured = () =>
  SERVER_NODE_ARGS.every((arg) => process.execArgv.includes(arg)) &&
  Object.entries(SERVER_ENV).every(([name, value]) => process.env[name] === value);

/**
 * Re-runs this script in a process with the settings above when it was started without them (as `npm start`
 * does), passing signals on and exiting with it. Returns only in the configured process. The child leaves
 * when this process dies, even by SIGKILL, because it watches the IPC channel between them.
 */
export async function runWithServerSettings(): Promise<void> {
  if (configured()) {
    process.once('disconnect', () => process.exit(0));
    return;
  }
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, ...SERVER_ENV },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve) =>
    child.once('exit', (exitCode, signal) => {
      resolve(exitCode ?? (signal ? 1 : 0));
    }),
  );
  process.exit(code);
}
