// The production server: Astro's standalone handler (static files with immutable caching for hashed
// assets, then the app) behind brotli/gzip compression, because tablets in a village are served straight
// from `npm start` with no proxy in front.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import compression from 'compression';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

// One stray rejection must not take the whole village offline: log it and keep serving.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled rejection (server kept running):', reason);
});

export async function startServer(options: { port: number; host: string }): Promise<http.Server> {
  process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
  const entry = pathToFileURL(resolve('dist/server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: Handler };
  const compress = compression({ threshold: 1024 });
  const server = http.createServer((req, res) => {
    compress(req as never, res as never, () => {
      // A failed request (a client gone mid-response, a bug) answers 500 and is logged; the server stays up.
      Promise.resolve(handler(req, res)).catch((error: unknown) => {
        console.error(`Request failed: ${req.method ?? ''} ${req.url ?? ''}`, error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, done);
  });
  return server;
}
