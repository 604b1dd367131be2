import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` runs `node scripts/start.ts`, which re-runs itself with the server's memory settings
// (scripts/server-process.ts). The server must carry them, and must not outlive the start script.

const dir = mkdtempSync(join(tmpdir(), 'kube-start-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The child processes of `pid`, with their command lines, read from /proc. */
function childrenOf(pid: number): { pid: number; args: string[] }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const parent = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
        if (Number(parent) !== pid) return [];
        return [{ pid: Number(name), args: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0') }];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function answers(port: number, tries = 150) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/masuk`, { redirect: 'manual' })).status < 500) return;
    } catch {
      if (i > tries) throw new Error('the server did not answer');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const envFor = (port: number) => ({
  ...process.env,
  DATABASE_URL: `file:${join(dir, `${port}.db`)}`,
  PORT: String(port),
  HOST: '127.0.0.1',
});

async function startAsNpmDoes(port: number) {
  const launcher = spawn(process.execPath, ['scripts/start.ts', '--no-build'], { env: envFor(port), stdio: 'ignore' });
  await answers(port);
  return launcher;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntilGone(pid: number) {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return !alive(pid);
}

describe('the server process behind npm start', () => {
  it('serves from a child with the memory settings, and stops with the start script', async () => {
    const launcher = await startAsNpmDoes(4395);
    const [server] = childrenOf(launcher.pid ?? 0);
    expect(server?.args).toContain('--max-semi-space-size=8');
    expect(readFileSync(`/proc/${server?.pid ?? 0}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
    launcher.kill('SIGTERM');
    await expect(waitUntilGone(server?.pid ?? 0)).resolves.toBe(true);
  });

  it('does not leave the server running when the start script is killed outright', async () => {
    const launcher = await startAsNpmDoes(4396);
    const [server] = childrenOf(launcher.pid ?? 0);
    expect(server).toBeDefined();
    launcher.kill('SIGKILL');
    await expect(waitUntilGone(server?.pid ?? 0)).resolves.toBe(true);
    await expect(fetch('http://127.0.0.1:4396/masuk')).rejects.toThrow();
  });

  it('stops cleanly, exit code 0, when a service manager sends SIGTERM', async () => {
    const launcher = await startAsNpmDoes(4397);
    const exited = new Promise((resolve) =>
      launcher.once('exit', (code) => {
        resolve(code);
      }),
    );
    launcher.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
    await expect(fetch('http://127.0.0.1:4397/masuk')).rejects.toThrow();
  });

  it('stops with npm: SIGTERM to the npm process frees the port', async () => {
    // npm runs `sh -c "node scripts/start.ts"` and passes SIGTERM to the shell only.
    const npm = spawn('npm', ['run', '--silent', 'preview'], { env: envFor(4398), stdio: 'ignore' });
    await answers(4398);
    npm.kill('SIGTERM');
    let freed = false;
    for (let i = 0; i < 50 && !freed; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      freed = await fetch('http://127.0.0.1:4398/masuk').then(
        () => false,
        () => true,
      );
    }
    expect(freed).toBe(true);
  });

  it('starts the server again when it crashes', async () => {
    const launcher = await startAsNpmDoes(4399);
    try {
      const [first] = childrenOf(launcher.pid ?? 0);
      // Never kill(0): that is this whole process group, the test runner included (it happened when another
      // server already held the port, so the launcher had no child that served).
      if (first?.pid === undefined) throw new Error('the launcher started no server process');
      process.kill(first.pid, 'SIGKILL');
      await waitUntilGone(first.pid);
      await answers(4399);
      const [second] = childrenOf(launcher.pid ?? 0);
      expect(second?.pid).toBeDefined();
      expect(second?.pid).not.toBe(first.pid);
    } finally {
      launcher.kill('SIGTERM');
    }
  });
});
