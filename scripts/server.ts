// The production server: Astro's standalone handler (static files with immutable caching for hashed
// assets, then the app) behind brotli/gzip compression, because tablets in a village are served straight
// from `npm start` with no proxy in front.
import http from 'node:http';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import compression from 'compression';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

// One stray rejection must not take the whole village offline: log it and keep serving.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled rejection (server kept running):', reason);
});

/**
 * Requests rendered at the same time. More would not finish sooner on a small machine's one JavaScript
 * thread, but each holds a page render and a compression stream in memory: 200 at once cost about 60 MB
 * more, measured. The rest wait their turn, first come first served, as sockets (see `npm run bench`).
 */
const MAX_IN_FLIGHT = 8;

/** Brotli for pages of a few KB: quality 4 (fast) and a 256 KB window instead of 4 MB. */
const BROTLI_PARAMS = { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 };

/**
 * Runs at most `limit` requests at once, the others in arrival order. A request leaves when its response is
 * handed to the network (a page of a few KB fits the socket's buffer, so a slow tablet does not hold a place
 * while it downloads) or its client goes; one whose client left while it waited never runs.
 */
export function admission(limit: number) {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    while (inFlight < limit) {
      const start = waiting.shift();
      if (!start) return;
      start();
    }
  };
  return (res: { once: (event: 'finish' | 'close', listener: () => void) => unknown }, run: () => void) => {
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    const start = () => {
      state = 'running';
      inFlight += 1;
      run();
    };
    const leave = () => {
      if (state === 'done') return;
      if (state === 'running') inFlight -= 1;
      else waiting.splice(waiting.indexOf(start) >>> 0, 1);
      state = 'done';
      next();
    };
    res.once('finish', leave);
    res.once('close', leave);
    waiting.push(start);
    next();
  };
}

export async function startServer(options: { port: number; host: string }): Promise<http.Server> {
  process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
  const entry = pathToFileURL(resolve('dist/server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: Handler };
  const compress = compression({ threshold: 1024, brotli: { params: BROTLI_PARAMS } });
  const admit = admission(MAX_IN_FLIGHT);
  const server = http.createServer((req, res) => {
    const serve = () => {
      compress(req as never, res as never, () => {
        // A failed request (a client gone mid-response, a bug) answers 500 and is logged; the server stays up.
        Promise.resolve(handler(req, res)).catch((error: unknown) => {
          console.error(`Request failed: ${req.method ?? ''} ${req.url ?? ''}`, error);
          if (!res.headersSent) res.statusCode = 500;
          res.end();
        });
      });
    };
    // Hashed assets are files read from disk: they skip the queue, which is for rendering pages.
    if (req.url?.startsWith('/_astro/')) serve();
    else admit(res, serve);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, done);
  });
  return server;
}
