import { createServer, request, type IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

// The link between a field laptop and the district for `npm run bench:sync`: a pass-through that counts the
// bytes each request and its answer take on the wire (headers included, bodies as sent: a compressed answer
// counts compressed), and can play a weak phone hotspot: a bandwidth cap each way and a delay on every request
// and answer.

export type Shaping = {
  /** Bytes per second each way (upload and download separately); 0 for no cap. */
  bytesPerSecond: number;
  /** Added to each request before it goes on, and to each answer before its first byte: half the round trip. */
  oneWayDelayMs: number;
};

export type Exchange = {
  path: string;
  status: number;
  up: number;
  down: number;
  ms: number;
  /** The answer's content-encoding (e.g. gzip), or '' when it came uncompressed. */
  encoding: string;
};

export type Link = {
  url: string;
  /** Every answered request, in order. */
  exchanges: Exchange[];
  shape: (shaping: Shaping | null) => void;
  close: () => Promise<void>;
};

const SLICE_BYTES = 1024;

/** One direction of the link: its cap is shared by every request on it, as a phone's radio is. */
type Lane = { bytesPerSecond: number; freeAt: number };

/** Lets a stream's bytes through no faster than its lane allows: each 1 KB slice waits for its turn. */
class Throttle extends Transform {
  private readonly lane: Lane;
  constructor(lane: Lane) {
    super();
    this.lane = lane;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    void this.send(chunk).then(() => {
      done();
    }, done);
  }
  private async send(chunk: Buffer): Promise<void> {
    for (let start = 0; start < chunk.byteLength; start += SLICE_BYTES) {
      const slice = chunk.subarray(start, start + SLICE_BYTES);
      const lane = this.lane;
      lane.freeAt = Math.max(lane.freeAt, performance.now()) + (1000 * slice.byteLength) / lane.bytesPerSecond;
      const wait = lane.freeAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.push(slice);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bytes of a request's or an answer's head as HTTP/1.1 sends them. */
function headBytes(firstLine: string, headers: IncomingMessage['rawHeaders']): number {
  let bytes = firstLine.length + 2 + 2;
  for (let i = 0; i < headers.length; i += 2) bytes += `${headers[i]}: ${headers[i + 1]}\r\n`.length;
  return bytes;
}

export async function startLink(upstream: string, port: number): Promise<Link> {
  const exchanges: Exchange[] = [];
  let shaping: { spec: Shaping; up: Lane; down: Lane } | null = null;
  const server = createServer((incoming, outgoing) => {
    const started = performance.now();
    const path = incoming.url ?? '/';
    const current = shaping;
    let up = headBytes(`${incoming.method ?? 'GET'} ${path} HTTP/1.1`, incoming.rawHeaders);
    let down = 0;
    void (async () => {
      if (current) await sleep(current.spec.oneWayDelayMs);
      const forward = request(
        new URL(path, upstream),
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          void (async () => {
            if (current) await sleep(current.spec.oneWayDelayMs);
            const status = answer.statusCode ?? 502;
            down += headBytes(`HTTP/1.1 ${status} ${answer.statusMessage ?? ''}`, answer.rawHeaders);
            outgoing.writeHead(status, answer.headers);
            answer.on('data', (chunk: Buffer) => (down += chunk.byteLength));
            outgoing.once('finish', () => {
              const encoding = answer.headers['content-encoding'] ?? '';
              exchanges.push({ path, status, up, down, ms: performance.now() - started, encoding });
            });
            const capped = current !== null && current.spec.bytesPerSecond > 0;
            (capped ? answer.pipe(new Throttle(current.down)) : answer).pipe(outgoing);
          })();
        },
      );
      forward.once('error', (error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`link: ${error.message}`);
      });
      // Counted from here on: a listener attached earlier would let the body flow away during the delay.
      incoming.on('data', (chunk: Buffer) => (up += chunk.byteLength));
      const capped = current !== null && current.spec.bytesPerSecond > 0;
      (capped ? incoming.pipe(new Throttle(current.up)) : incoming).pipe(forward);
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    shape: (spec) => {
      const lane = (): Lane => ({ bytesPerSecond: spec?.bytesPerSecond ?? 0, freeAt: 0 });
      shaping = spec === null ? null : { spec, up: lane(), down: lane() };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
