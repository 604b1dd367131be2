import { readdirSync } from 'node:fs';
import type http from 'node:http';
import { join, relative, sep } from 'node:path';
import send from 'send';

// The built client files (hashed assets under /_astro/, the favicon), listed once at start. A request for one of
// them is a file read; every other request goes straight to the app, without looking on disk first: the
// adapter's own static handler did a failed `stat` (and built an error with its stack) for every page and every
// answer save, a tenth of a save's time under load (`npm run bench`).

/** Hashed assets: their names change with their content, so a browser may keep them for a year. */
const ASSETS = '/_astro/';

export type StaticFiles = {
  /** Whether the request names a built file (by its path, percent-decoded as the browser sent it). */
  has: (req: http.IncomingMessage) => boolean;
  serve: (req: http.IncomingMessage, res: http.ServerResponse) => void;
};

/** Every file under `dir`, as URL paths ("/_astro/app.1a2b3c.js"). */
function listFiles(dir: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    files.add(`/${path}`);
  }
  return files;
}

/** The path of a request's URL, decoded; null when it cannot be decoded. */
function pathOf(req: http.IncomingMessage): string | null {
  const url = req.url ?? '/';
  const end = url.search(/[?#]/);
  try {
    return decodeURIComponent(end === -1 ? url : url.slice(0, end));
  } catch {
    return null;
  }
}

export function staticFiles(dir: string): StaticFiles {
  const files = listFiles(dir);
  return {
    has: (req) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const path = pathOf(req);
      return path !== null && files.has(path);
    },
    serve: (req, res) => {
      const path = pathOf(req) ?? '/';
      const stream = send(req, path, { root: dir, dotfiles: 'deny' });
      stream.on('headers', () => {
        if (path.startsWith(ASSETS)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      });
      stream.on('error', (error: { status?: number }) => {
        // Listed at start but gone since (a new build is being copied in): as if it never was.
        res.statusCode = error.status ?? 500;
        res.end();
      });
      stream.pipe(res);
    },
  };
}
