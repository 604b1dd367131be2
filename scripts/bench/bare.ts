// Runs the bare floor (bare-server.ts) under the same closed-loop load as the app's answer save.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { runLoad, type LoadResult } from './load.ts';

export async function runBare(options: {
  dir: string;
  port: number;
  mode: 'single' | 'group';
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const { dir, port, mode, connections, seconds } = options;
  const server = fork(
    new URL('./bare-server.ts', import.meta.url).pathname,
    [join(dir, `bare-${mode}.db`), String(port), mode],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  try {
    await new Promise<void>((ready, fail) => {
      server.once('message', () => {
        ready();
      });
      server.once('exit', (code) => {
        fail(new Error(`the bare server exited (${String(code)})`));
      });
    });
    return await runLoad({
      url: `http://127.0.0.1:${port}`,
      connections,
      seconds,
      serverPid: server.pid ?? 0,
      request: (connection) => ({
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          attemptId: `bare-${connection}`,
          answers: [
            { questionId: `q${Math.floor(Math.random() * 15)}`, optionId: String(Math.floor(Math.random() * 4)) },
          ],
        }),
      }),
    });
  } finally {
    server.removeAllListeners('exit');
    server.kill('SIGTERM');
  }
}
