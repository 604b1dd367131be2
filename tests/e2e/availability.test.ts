import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addPerson } from './helpers/people.ts';

// A laptop on the village Wi-Fi must not be able to take the server away from the tablets (issue 13, F1/F2).
// Other machines are other loopback addresses: the server sees 127.0.0.70 and 127.0.0.71 as two clients.

let app: RunningApp;
let port: number;
beforeAll(async () => {
  app = await startApp();
  port = Number(new URL(app.url).port);
  await addPerson(app.connection, 'admin', 'admin.tersedia', 'Admin-Tersedia-2026');
});
afterAll(async () => {
  await app.stop();
});

const ATTACKER = '127.0.0.70';
const TABLET = '127.0.0.71';
// Bodies come from an address of their own: the connection test leaves 127.0.0.70 at its limit until the
// server has seen its 300 sockets close.
const UPLOADER = '127.0.0.72';

/** A raw connection from `from` that sends `head` now and is then left open. */
function openSocket(from: string, head: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: from }, () => {
      // From now on a reset (the server cut a body off) only closes it; `closed` tells what arrived.
      socket.off('error', reject).on('error', () => undefined);
      socket.write(head);
      resolve({ socket, closed });
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<string>((done) =>
      socket.once('close', () => {
        done(received);
      }),
    );
    socket.once('error', reject);
  });
}

/** A GET from `from`, with the time it took; null when no answer came within `timeoutMs`. */
function timedGet(from: string, path: string, timeoutMs = 5_000): Promise<{ status: number; ms: number } | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress: from, agent: false }, (res) => {
      res.resume();
      res.once('end', () => {
        resolve({ status: res.statusCode ?? 0, ms: Date.now() - started });
      });
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve(null);
    });
    req.once('error', () => {
      resolve(null);
    });
    req.end();
  });
}

/**
 * Sends up to `bytes` of form body from `from` (chunked, or with its length declared up front) and returns the
 * status the server answered, read from the raw connection: the answer may come while the body is still on its way.
 */
async function post(from: string, path: string, bytes: number, { chunked = false } = {}): Promise<number | null> {
  const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${bytes}`;
  const { socket, closed } = await openSocket(
    from,
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${app.origin}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\n${framing}\r\n\r\n`,
  );
  const piece = Buffer.alloc(64 * 1024, 'a');
  const frame = chunked
    ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
    : piece;
  for (let sent = 0; sent < bytes && !socket.destroyed; sent += piece.length) {
    if (!socket.write(frame)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
  }
  if (!socket.destroyed) socket.end(chunked ? '0\r\n\r\n' : '');
  const status = /^HTTP\/1\.1 (\d{3})/.exec(await closed)?.[1];
  return status ? Number(status) : null;
}

const serverRssMb = () => {
  const status = readFileSync(`/proc/${app.pid()}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

describe('slow clients', () => {
  it('keeps answering others while eight requests trickle their bodies, and cuts the trickles off', async () => {
    const trickles = await Promise.all(
      Array.from({ length: 8 }, () =>
        openSocket(
          ATTACKER,
          `POST /masuk?_action=auth.signIn HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${app.origin}\r\n` +
            'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nusername=a',
        ),
      ),
    );
    const timer = setInterval(() => {
      for (const { socket } of trickles) if (!socket.destroyed) socket.write('a');
    }, 2_000);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const page = await timedGet(TABLET, '/masuk');
      const icon = await timedGet(TABLET, '/favicon.svg');
      expect(page?.status).toBe(200);
      expect(page?.ms).toBeLessThan(2_000);
      expect(icon?.status).toBe(200);
      // A body that has not arrived within the limit is answered 408 and its connection closed.
      const answers = await Promise.all(trickles.map(({ closed }) => closed));
      for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(timer);
    }
  }, 30_000);

  it('closes a connection whose headers do not arrive in time', async () => {
    const started = Date.now();
    const { socket, closed } = await openSocket(ATTACKER, `GET /masuk HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    const timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 1_000);
    try {
      await closed;
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      clearInterval(timer);
    }
  }, 30_000);

  it('takes no more connections from one address past its share, and still serves another', async () => {
    const sockets = await Promise.all(Array.from({ length: 300 }, () => openSocket(ATTACKER, '').catch(() => null)));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const cut = sockets.filter((entry) => !entry || entry.socket.destroyed).length;
      expect(cut).toBeGreaterThanOrEqual(300 - 256);
      expect((await timedGet(TABLET, '/masuk'))?.status).toBe(200);
    } finally {
      for (const entry of sockets) entry?.socket.destroy();
    }
  }, 30_000);
});

describe('bodies are bounded on every route', () => {
  it('refuses a 150 MB sign-in form with 413 before reading it, without the server growing', async () => {
    const before = serverRssMb();
    // As a client sending it would see it: the answer comes while the body is still on its way.
    const { socket, closed } = await openSocket(
      UPLOADER,
      `POST /masuk HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${app.origin}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${150 * 1024 * 1024}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(64 * 1024, 'a'));
    expect(await closed).toMatch(/^HTTP\/1\.1 413/);
    expect(serverRssMb() - before).toBeLessThan(50);
  }, 30_000);

  it('refuses a chunked body past 1 MiB on a page without an action, and on an action', async () => {
    const before = serverRssMb();
    expect(await post(UPLOADER, '/gabung', 20 * 1024 * 1024, { chunked: true })).toBe(413);
    expect(await post(UPLOADER, '/masuk?_action=auth.signIn', 2 * 1024 * 1024, { chunked: true })).toBe(413);
    expect(serverRssMb() - before).toBeLessThan(50);
  }, 30_000);

  it('still takes an ordinary form', async () => {
    const response = await fetch(`${app.url}/masuk?_action=auth.signIn`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: app.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin.tersedia', secret: 'Admin-Tersedia-2026' }),
    });
    expect(response.status).toBe(302);
  });
});
