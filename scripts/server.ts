// The production server: Astro's standalone handler (static files with immutable caching for hashed
// assets, then the app) behind brotli/gzip compression, because tablets in a village are served straight
// from `npm start` with no proxy in front.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import compression from 'compression';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startServer(options: { port: number; host: string }): Promise<http.Server> {
  process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
  const entry = pathToFileURL(resolve('dist/server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: Handler };
  const compress = compression({ threshold: 1024 });
  const server = http.createServer((req, res) => {
    compress(req as never, res as never, () => {
      handler(req, res);
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, done);
  });
  return server;
}
