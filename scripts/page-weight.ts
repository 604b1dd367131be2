// Measures what a browser downloads on a first visit to a page: the compressed HTML, then every
// stylesheet, script and module import it pulls in from this site. Used by `npm run bench` and the
// budget tests, so both quote the same numbers.
import http from 'node:http';

export type Weight = {
  html: number;
  css: number;
  /** Script files, compressed. */
  js: number;
  other: number;
  total: number;
  requests: number;
  /** The script files fetched, as paths. */
  scriptFiles: string[];
  /** The scripts written into the HTML itself (their bytes are part of `html`), as text. */
  inlineScripts: string[];
};

type Raw = { status: number; bytes: number; body: string; headers: http.IncomingHttpHeaders };

/** One GET, counting the bytes on the wire (compressed), and the decoded text for parsing. */
export function fetchRaw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { 'accept-encoding': 'br, gzip', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        void decode(raw, response.headers['content-encoding']).then((body) => {
          resolve({ status: response.statusCode ?? 0, bytes: raw.length, body, headers: response.headers });
        }, reject);
      });
    });
    request.on('error', reject);
  });
}

async function decode(raw: Buffer, encoding: string | undefined): Promise<string> {
  const zlib = await import('node:zlib');
  if (encoding === 'br') return zlib.brotliDecompressSync(raw).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(raw).toString('utf8');
  return raw.toString('utf8');
}

// Stylesheets, scripts, and the component and renderer modules of React islands.
const assetsIn = (html: string) =>
  [
    ...html.matchAll(
      /<(?:link[^>]+rel="(?:stylesheet|modulepreload)"[^>]*href|script[^>]+src)="(\/[^"]+)"|(?:component|renderer)-url="(\/[^"]+)"/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? '');
const importsIn = (js: string) =>
  [...js.matchAll(/(?:import|from)\s*\(?\s*["'](\.{0,2}\/[^"']+\.js)["']/g)].map((m) => m[1] ?? '');

// Scripts in the page itself, not data blocks such as JSON.
const inlineScriptsIn = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? '')
    .filter((text) => text.trim() !== '');

/** A first visit to `path`: the page and every asset it pulls in. `status` is the answer the page must give. */
export async function measurePage(base: string, path: string, cookie: string, status = 200): Promise<Weight> {
  const page = await fetchRaw(`${base}${path}`, { cookie });
  if (page.status !== status) throw new Error(`${path} answered ${page.status}, expected ${status}`);
  const weight: Weight = {
    html: page.bytes,
    css: 0,
    js: 0,
    other: 0,
    total: page.bytes,
    requests: 1,
    scriptFiles: [],
    inlineScripts: inlineScriptsIn(page.body),
  };
  const seen = new Set<string>();
  const queue = assetsIn(page.body);
  while (queue.length > 0) {
    const asset = queue.shift() ?? '';
    if (seen.has(asset)) continue;
    seen.add(asset);
    const response = await fetchRaw(`${base}${asset}`);
    weight.requests += 1;
    weight.total += response.bytes;
    if (asset.endsWith('.css')) weight.css += response.bytes;
    else if (asset.endsWith('.js')) {
      weight.js += response.bytes;
      weight.scriptFiles.push(asset);
      for (const imported of importsIn(response.body)) queue.push(new URL(imported, `${base}${asset}`).pathname);
    } else weight.other += response.bytes;
  }
  return weight;
}
