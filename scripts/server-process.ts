// How the server process is started. Measured with `npm run bench` (200 connections on a 2-core machine):
// Node's defaults let the young generation grow to ~170 MB of heap for ~50 MB of live objects, and glibc
// keeps one malloc arena per thread-pool thread. These two settings take roughly 100 MB off the peak at the
// same throughput (the peak is still above the 200 MB aim; see the README's "Speed, measured").
import { spawn, type ChildProcess } from 'node:child_process';

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

/**
 * Starts `npm start`'s server for a bench script, already with the settings above, and resolves once it
 * answers. Without `build: false` it builds first when the sources changed. Its errors are kept for the
 * message when it stops by itself.
 */
export async function startServerProcess(
  env: { DATABASE_URL: string; PORT: string },
  options: { build?: boolean } = {},
): Promise<{ server: ChildProcess; stop: () => void }> {
  const args = options.build === false ? ['scripts/start.ts', '--no-build'] : ['scripts/start.ts'];
  const server = spawn(process.execPath, [...SERVER_NODE_ARGS, ...args], {
    env: { ...process.env, ...SERVER_ENV, ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  let stopping = false;
  server.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  server.once('exit', (code, signal) => {
    if (!stopping) console.error(`✖ The server exited (${String(code ?? signal)}):\n${errors}`);
  });
  const stop = () => {
    stopping = true;
    server.kill('SIGTERM');
  };
  const deadline = Date.now() + 10 * 60_000; // a first build takes a minute or two
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${env.PORT}/masuk`, { redirect: 'manual' })).status < 500) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error('the server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { server, stop };
}
