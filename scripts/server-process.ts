// How the server process is started. Measured with `npm run bench` (200 connections on a 2-core machine):
// Node's defaults let the young generation grow to ~170 MB of heap for ~50 MB of live objects, and glibc
// keeps one malloc arena per thread-pool thread. These two settings take roughly 100 MB off the peak at the
// same throughput (the peak is still above the 200 MB aim; see the README's "Speed, measured").
import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';

/** A smaller young generation: more frequent, cheaper scavenges, far less heap held. */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=8'];
/** Fewer malloc arenas for compression's worker threads (read by glibc when the process starts). */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };

const configured = () =>
  SERVER_NODE_ARGS.every((arg) => process.execArgv.includes(arg)) &&
  Object.entries(SERVER_ENV).every(([name, value]) => process.env[name] === value);

/** How long a stopping server may finish the requests it has begun before it exits anyway. */
const STOP_GRACE_MS = 5_000;
/** Waits before starting a crashed server again: doubling from 1 s to 30 s, back to 1 s after a minute up. */
const RESTART_DELAYS_MS = { first: 1_000, max: 30_000, stableAfter: 60_000 };

/**
 * Re-runs this script in a process with the settings above when it was started without them (as `npm start`
 * does), and watches over it: signals are passed on and this process exits with it; a server that crashes
 * after it started serving is started again. Returns only in the configured process. The child leaves when
 * this process dies, even by SIGKILL, because it watches the IPC channel between them; and this process
 * stops when it is orphaned, because `npm` and `sh` pass a SIGTERM on to it but not beyond.
 */
export async function runWithServerSettings(): Promise<void> {
  if (configured()) {
    process.once('disconnect', () => process.exit(0));
    return;
  }
  // Changed from signal handlers, read after awaits: an object, so the reads are not narrowed away.
  const run = { stopping: false, ready: false };
  const stopping = () => run.stopping;
  const ready = () => run.ready;
  let child: ChildProcess | undefined;
  const stop = (signal: NodeJS.Signals) => {
    run.stopping = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      stop(signal);
    });
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('SIGTERM');
  }, 500).unref();

  let delay = RESTART_DELAYS_MS.first;
  for (;;) {
    const started = Date.now();
    run.ready = false;
    child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...process.execArgv, ...process.argv.slice(1)], {
      env: { ...process.env, ...SERVER_ENV },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: unknown) => {
      if (message === READY) run.ready = true;
    });
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child?.once('exit', (exitCode, exitSignal) => {
        done({ code: exitCode, signal: exitSignal });
      }),
    );
    // Stopped on purpose, or it never came up (a busy port, a bad setting): nothing to start again.
    if (stopping() || !ready()) process.exit(stopping() ? 0 : (code ?? 1));
    if (Date.now() - started > RESTART_DELAYS_MS.stableAfter) delay = RESTART_DELAYS_MS.first;
    console.error(
      `The server stopped unexpectedly (${String(code ?? signal)}); starting it again in ${delay / 1000} s.`,
    );
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (stopping()) process.exit(0);
    delay = Math.min(delay * 2, RESTART_DELAYS_MS.max);
  }
}

const READY = 'kube-berdaya:ready';

/** Tells the watching process that the server serves, so a later crash is restarted (not a failed start). */
export function reportReady(): void {
  process.send?.(READY);
}

/**
 * On SIGTERM or SIGINT (a service manager's stop, Ctrl+C): take no new connections, let the requests under
 * way finish, then exit 0. Every acknowledged write is already on disk (synchronous = FULL).
 */
export function stopOnSignal(server: Server): void {
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
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
