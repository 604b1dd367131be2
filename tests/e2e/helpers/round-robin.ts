import { createServer, request } from 'node:http';

// One address in front of several servers, as a load balancer is: each request goes to the next server in
// turn (per request, not per connection, so one browser's requests really are split). The Host header passes
// unchanged, so the servers see the address the client used, as behind Caddy or nginx.

export type Served = { upstream: number; method: string; path: string; status: number };

export type RoundRobin = {
  url: string;
  /** Every answered request, in order, with the index of the server that answered it. */
  served: Served[];
  /** Moves the turn on by one server, as another client's request would. */
  skip: () => void;
  close: () => Promise<void>;
};

/** The header naming the server (its index in `upstreams`) that answered a request. */
export const UPSTREAM_HEADER = 'x-test-upstream';

export type RoundRobinOptions = {
  /** Listens on this port instead of a free one. */
  port?: number;
  /** Called once a request is on its way to its server: a fault test can kill that server mid-request. */
  onForwarded?: (method: string, path: string) => void;
  /**
   * Called when a server's answer arrives, before it is passed on; the answer waits for the returned promise.
   * A fault test can kill the client here (it never hears the answer), or hold the answer to look at a screen.
   */
  onAnswer?: (method: string, path: string, status: number) => Promise<void> | void;
};

export async function roundRobin(upstreams: readonly string[], options: RoundRobinOptions = {}): Promise<RoundRobin> {
  let next = 0;
  const served: Served[] = [];
  const server = createServer((incoming, outgoing) => {
    const upstream = next;
    next = (next + 1) % upstreams.length;
    const path = incoming.url ?? '/';
    const forward = request(
      new URL(path, upstreams[upstream]),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        served.push({ upstream, method: incoming.method ?? 'GET', path, status });
        const pass = () => {
          outgoing.writeHead(status, { ...answer.headers, [UPSTREAM_HEADER]: String(upstream) });
          answer.pipe(outgoing);
        };
        if (!options.onAnswer) {
          pass();
          return;
        }
        // A client killed in the hook has gone: its answer is dropped, as a dead laptop never reads it.
        void Promise.resolve(options.onAnswer(incoming.method ?? 'GET', path, status)).then(() => {
          if (outgoing.destroyed) answer.resume();
          else pass();
        });
      },
    );
    forward.once('error', (error) => {
      served.push({ upstream, method: incoming.method ?? 'GET', path, status: 502 });
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`proxy: ${error.message}`);
    });
    // A client killed mid-request (a fault test) resets its connection: nothing to answer any more.
    incoming.once('error', () => undefined);
    outgoing.once('error', () => undefined);
    incoming.pipe(forward);
    options.onForwarded?.(incoming.method ?? 'GET', path);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    served,
    skip: () => {
      next = (next + 1) % upstreams.length;
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
