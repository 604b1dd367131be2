import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Connection } from '../../../db/client.ts';

export type RunningApp = {
  url: string;
  origin: string;
  /** A second connection to the server's own database file, for setting up and checking data. */
  connection: Connection;
  stop: () => Promise<void>;
  logs: () => string;
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

/** Starts the built server (`npm start --no-build`) on a free port with a fresh database file. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  if (!existsSync('dist/server/entry.mjs')) {
    throw new Error('No build in dist/: run `npm test` (it builds first) or `npm run build`.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kube-berdaya-e2e-'));
  const databaseUrl = `file:${join(dir, 'e2e.db')}`;
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.ts', '--no-build'], {
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  let stopping = false;
  // If the server dies during a test, say so with its own words instead of a bare ECONNREFUSED.
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`The test server exited (code ${String(code)}, ${String(signal)}):\n${output}`);
  });
  const url = `http://127.0.0.1:${port}`;
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
  const connection = await openDatabase({ url: databaseUrl });
  return {
    url,
    origin: url,
    connection,
    logs: () => output,
    stop: async () => {
      stopping = true;
      connection.client.close();
      // A server that already died has nothing left to wait for.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
