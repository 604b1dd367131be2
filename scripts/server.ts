// The production server: Astro's standalone handler (static files with immutable caching for hashed
// assets, then the app) behind brotli/gzip compression, because tablets in a village are served straight
// from `npm start` with no proxy in front. It holds against hostile clients on the same Wi-Fi: short read
// timeouts, bounded bodies read before a render slot is taken, a fair share of the slots per address, and
// a clear 503 instead of an endless wait.
import http from 'node:http';
import type { Socket } from 'node:net';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import compression from 'compression';
import { forwardedClient } from '../src/lib/forwarded.ts';
import { admission } from './server/admission.ts';
import { hasBody, readBody } from './server/body.ts';
import { staticFiles } from './server/static-files.ts';
import { tally } from './server/tally.ts';

export { admission } from './server/admission.ts';

/** The adapter's handler in middleware mode: the app only (the built files are served by `staticFiles`). */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
/** A tablet's answer saves and heartbeats, outside Astro's pipeline (src/fast-path/); false: the app's to answer. */
type FastPath = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;

// One stray rejection must not take the whole village offline: log it and keep serving.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled rejection (server kept running):', reason);
});

export const LIMITS = {
  /**
   * Requests rendered at the same time. More would not finish sooner on a small machine's one JavaScript
   * thread, but each holds a page render and a compression stream in memory: 200 at once cost about 60 MB
   * more, measured (see `npm run bench`).
   */
  renders: 8,
  /** Renders one client address may hold, so the others always find a slot. */
  rendersPerClient: 4,
  /** Requests one address may have waiting; a 60-tablet load from one test machine stays well under it. */
  waitingPerClient: 256,
  /** A request that found no slot in this time gets 503 with Retry-After. */
  maxWaitMs: 10_000,
  /** Every body, on every route but the field kit's: the largest form or answer batch is a few KB. */
  bodyBytes: 1024 * 1024,
  /** A field laptop's push batch and an uploaded paket lapangan (a week of workshops) may be larger. */
  fieldKitBodyBytes: 20 * 1024 * 1024,
  /**
   * An admin's import spreadsheet (at most 10 MB, district-import/columns.ts MAX_BYTES), with room for the
   * multipart form around it; the page's action refuses anyone but an admin.
   */
  importBodyBytes: 11 * 1024 * 1024,
  /** A body must arrive within this; a phone on a weak signal sends a few KB in well under a second. */
  bodyTimeoutMs: 10_000,
  /** Bytes of bodies being read at once from one address. */
  bufferedPerClient: 8 * 1024 * 1024,
  /** Request headers must arrive within this (Node's default is 60 s). */
  headersTimeoutMs: 10_000,
  /** Open connections from one address (without a trusted proxy, which carries everyone's). */
  connectionsPerClient: 256,
} as const;

export const RETRY_AFTER_S = 5;

/** Brotli for pages of a few KB: quality 4 (fast) and a 256 KB window instead of 4 MB. */
const BROTLI_PARAMS = { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 };

const REFUSALS = {
  408: 'Kiriman terlalu lama sampai. Coba kirim lagi. (Request timed out.)',
  413: 'Kiriman terlalu besar. (Request body too large.)',
  503: 'Server sedang sibuk. Coba lagi sebentar lagi. (Server busy, try again shortly.)',
} as const;

/** Answers a request the server will not handle, and closes the connection: its body may still be arriving. */
/**
 * The field kit's large bodies (README: "Field kit"): a push batch from a field laptop and an uploaded paket
 * lapangan. They get a larger limit and a slow phone hotspot's time to arrive; every other route keeps the small one.
 */
function fieldKitUpload(url: string | undefined, contentType: string | undefined): boolean {
  if (!url) return false;
  const [path = '', query = ''] = url.split('?');
  const type = (contentType ?? '').toLowerCase();
  // Only in the form each one takes: a push is JSON, a package upload a multipart form.
  if (path === '/api/lapangan/kirim') return type.startsWith('application/json');
  const upload =
    path === '/_actions/perangkat.upload' || new URLSearchParams(query).get('_action') === 'perangkat.upload';
  return upload && type.startsWith('multipart/form-data');
}

/** The upload of an import spreadsheet (README: "Set-up from a spreadsheet"), a multipart form. */
function importUpload(url: string | undefined, contentType: string | undefined): boolean {
  if (!url || !(contentType ?? '').toLowerCase().startsWith('multipart/form-data')) return false;
  const [path = '', query = ''] = url.split('?');
  return path === '/_actions/impor.preview' || new URLSearchParams(query).get('_action') === 'impor.preview';
}

/** The largest body a request may send, and how long it may take to arrive. */
function bodyLimits(req: http.IncomingMessage): { maxBytes: number; timeoutMs: number } {
  const type = req.headers['content-type'];
  if (fieldKitUpload(req.url, type)) return { maxBytes: LIMITS.fieldKitBodyBytes, timeoutMs: 120_000 };
  if (importUpload(req.url, type)) return { maxBytes: LIMITS.importBodyBytes, timeoutMs: 120_000 };
  return { maxBytes: LIMITS.bodyBytes, timeoutMs: LIMITS.bodyTimeoutMs };
}

function refuse(res: http.ServerResponse, status: keyof typeof REFUSALS) {
  if (res.headersSent || res.writableEnded) return;
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain; charset=utf-8', connection: 'close' };
  if (status === 503) headers['retry-after'] = String(RETRY_AFTER_S);
  res.writeHead(status, headers);
  res.end(REFUSALS[status]);
}

/** How long a refused body's client may go on sending before it is answered anyway. */
const LINGER_MS = 2_000;

/**
 * Answers 413 to a body past the limit that is still arriving. Answering and closing at once would reset the
 * connection under the client's feet (unread data on a closed socket makes the kernel send a reset), and the
 * client would never read the answer. So the rest is read and dropped, never kept, until it ends or for at most
 * a moment, and then answered with `Connection: close`, so the client does not send another request on it.
 */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse) {
  const answer = () => {
    clearTimeout(linger);
    refuse(res, 413);
  };
  const linger = setTimeout(answer, LINGER_MS);
  req.once('end', answer);
  req.resume();
}

export type ServerOptions = {
  port: number;
  host: string;
  /** Answer saves and heartbeats through the app's pipeline too (tests compare the two answers); default false. */
  withoutFastPath?: boolean;
  /** Trusted reverse proxies in front (0: none): decides whose address a request is counted under. */
  proxyHops?: number;
};

export async function startServer(options: ServerOptions): Promise<http.Server> {
  process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
  const entry = pathToFileURL(resolve('dist/server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: Handler };
  const fast = options.withoutFastPath
    ? null
    : ((await import(pathToFileURL(resolve('dist/server/fast-path.mjs')).href)) as { answerFast: FastPath }).answerFast;
  const files = staticFiles(resolve('dist/client'));
  const compress = compression({ threshold: 1024, brotli: { params: BROTLI_PARAMS } });
  const admit = admission({
    limit: LIMITS.renders,
    perClientLimit: LIMITS.rendersPerClient,
    maxWaitingPerClient: LIMITS.waitingPerClient,
    maxWaitMs: LIMITS.maxWaitMs,
  });
  const hops = options.proxyHops ?? 0;
  const buffered = tally();

  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    compress(req as never, res as never, () => {
      if (files.has(req)) {
        files.serve(req, res);
        return;
      }
      if (!decodable(req.url)) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Alamat tidak dapat dibaca. (Bad request.)');
        return;
      }
      // A failed request (a client gone mid-response, a bug) answers 500 and is logged; the server stays up.
      const answered = fast ? fast(req, res) : Promise.resolve(false);
      answered
        .then((done) => (done ? undefined : handler(req, res)))
        .catch((error: unknown) => {
          console.error(`Request failed: ${req.method ?? ''} ${req.url ?? ''}`, error);
          if (!res.headersSent) res.statusCode = 500;
          res.end();
        });
    });
  };

  const server = http.createServer(
    // Node checks the header and request timeouts on this interval (30 s by default, too coarse for 10 s).
    { headersTimeout: LIMITS.headersTimeoutMs, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      const socket = req.socket.remoteAddress ?? 'unknown';
      const client = hops > 0 ? (forwardedClient(header(req, 'x-forwarded-for'), hops) ?? socket) : socket;
      const queue = () => {
        // Hashed assets are files read from disk: they skip the queue, which is for rendering pages.
        if (req.url?.startsWith('/_astro/')) serve(req, res);
        else
          admit(
            client,
            res,
            () => {
              serve(req, res);
            },
            () => {
              refuse(res, 503);
            },
          );
      };
      if (!hasBody(req)) {
        queue();
        return;
      }
      // What this body may take in memory: its announced length, or the whole limit for a chunked one.
      const { maxBytes, timeoutMs } = bodyLimits(req);
      const announced = Number(req.headers['content-length']);
      const reserved = Number.isFinite(announced) && announced > 0 ? Math.min(announced, maxBytes) : maxBytes;
      if (buffered.with(client, reserved) > Math.max(LIMITS.bufferedPerClient, maxBytes)) {
        refuse(res, 503);
        return;
      }
      buffered.add(client, reserved);
      void readBody(req, { maxBytes, timeoutMs }).then((result) => {
        buffered.remove(client, reserved);
        if ('refused' in result) {
          if (result.refused === 413) refuseBody(req, res);
          else refuse(res, result.refused);
          return;
        }
        if ('gone' in result) return;
        // Astro's node adapter takes a body already read from `req.body` instead of the stream.
        Object.assign(req, { body: result.body });
        queue();
      });
    },
  );
  if (hops === 0) limitConnections(server, LIMITS.connectionsPerClient);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, done);
  });
  return server;
}

/** Astro reads the path with `decodeURI`; one it cannot decode is the caller's mistake. */
function decodable(url: string | undefined): boolean {
  try {
    decodeURI(url ?? '/');
    return true;
  } catch {
    return false;
  }
}

const header = (req: http.IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** Closes new connections from an address that already holds `max` of them. */
function limitConnections(server: http.Server, max: number) {
  const open = tally();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (open.with(address, 1) > max) {
      socket.destroy();
      return;
    }
    open.add(address, 1);
    socket.once('close', () => {
      open.remove(address, 1);
    });
  });
}
