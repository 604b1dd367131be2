import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Connection } from '../../../db/client.ts';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../../scripts/server-process.ts';

export type RunningApp = {
  url: string;
  origin: string;
  /** The server's database, to start a second server on the same file (`AppOptions.databaseUrl`). */
  databaseUrl: string;
  /** A second connection to the server's own database file, for setting up and checking data. */
  connection: Connection;
  stop: () => Promise<void>;
  /**
   * Sends the server a signal and waits until it is gone: a deliberate crash, for fault tests. With
   * `ownProcessGroup` the signal reaches every process of the server, not only the start script.
   */
  kill: (signal: NodeJS.Signals) => Promise<void>;
  /** Starts the server again (after `kill`) on the same port and database file, and waits until it answers. */
  restart: () => Promise<void>;
  logs: () => string;
  /** The server process's id (the start script itself, which serves when started with the settings). */
  pid: () => number;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export type AppOptions = {
  /**
   * Runs the server in a process group of its own, so `kill` reaches the server itself even when the start
   * script serves from a child process. Off by default: such a group does not hear the terminal's Ctrl+C.
   */
  ownProcessGroup?: boolean;
  /** Serves this database (another app's `databaseUrl`) instead of a fresh file; `stop` leaves it in place. */
  databaseUrl?: string;
  /** Starts with `--no-migrate`: the server only checks that the database is migrated, as after a release step. */
  noMigrate?: boolean;
  /** Starts with `--no-fast-path`: answer saves and heartbeats go through Astro's pipeline too (src/fast-path/). */
  noFastPath?: boolean;
  /** Serves on this port instead of a free one: for a test whose servers must stay in a range of its own. */
  port?: number;
};

/** Starts the built server (`npm start --no-build`) on a free port, with a fresh database file unless told. */
export async function startApp(env: Record<string, string> = {}, options: AppOptions = {}): Promise<RunningApp> {
  if (!existsSync('dist/server/entry.mjs')) {
    throw new Error('No build in dist/: run `npm test` (it builds first) or `npm run build`.');
  }
  const dir = options.databaseUrl === undefined ? mkdtempSync(join(tmpdir(), 'kube-berdaya-e2e-')) : null;
  const databaseUrl = dir === null ? (options.databaseUrl ?? '') : `file:${join(dir, 'e2e.db')}`;
  const args = [
    'scripts/start.ts',
    '--no-build',
    ...(options.noMigrate === true ? ['--no-migrate'] : []),
    ...(options.noFastPath === true ? ['--no-fast-path'] : []),
  ];
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  // Processes whose end was asked for (stop, kill), so their exit is no news.
  const ending = new WeakSet<ChildProcess>();

  async function launch(): Promise<ChildProcess> {
    // Started with the server's own settings, so it runs as the one process `npm start` would run.
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...args], {
      env: { ...process.env, ...SERVER_ENV, ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup === true,
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // If the server dies during a test, say so with its own words instead of a bare ECONNREFUSED.
    child.once('exit', (code, signal) => {
      if (!ending.has(child))
        console.error(`The test server exited (code ${String(code)}, ${String(signal)}):\n${output}`);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
      try {
        const response = await fetch(`${url}/masuk`, { redirect: 'manual' });
        if (response.status < 500) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The server did not start within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return child;
  }

  async function end(child: ChildProcess, signal: NodeJS.Signals, wholeGroup = false): Promise<void> {
    ending.add(child);
    // A server that already died has nothing left to wait for.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // A negative pid names the process group the detached child leads.
      if (wholeGroup && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
      await exited;
    }
  }

  let child = await launch();
  const connection = await openDatabase({ url: databaseUrl });
  return {
    url,
    origin: url,
    databaseUrl,
    connection,
    logs: () => output,
    pid: () => child.pid ?? 0,
    kill: (signal) => end(child, signal, options.ownProcessGroup),
    restart: async () => {
      if (child.exitCode === null && child.signalCode === null)
        throw new Error('The server still runs: kill it first.');
      output += '\n--- restarted ---\n';
      child = await launch();
    },
    stop: async () => {
      connection.client.close();
      await end(child, 'SIGTERM');
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}
