// Server load with autocannon: many connections for a fixed time, every latency recorded (autocannon's own
// summary has no p95), and the server's resident memory sampled from /proc while it runs.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export type LoadResult = {
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers other than 2xx, and connection errors (timeouts included). */
  failures: number;
  /** What the failures were, e.g. "503 ×12, timeout ×3". */
  failureKinds: string;
  /** The server's highest resident memory seen during the run, in MB. */
  peakRssMb: number;
  /** Of that, the process's own memory (RssAnon), without the shared Node binary and library pages. */
  peakPrivateMb: number;
};

type Target = {
  url: string;
  connections: number;
  seconds: number;
  /** The request a connection sends next; `connection` numbers the connections from 0. */
  request: (connection: number) => {
    method: 'GET' | 'POST';
    path: string;
    headers: Record<string, string>;
    body?: string;
  };
  serverPid: number;
};

/** Resident memory of a process in MB, all and private, from /proc (Linux); 0 once it is gone. */
export function rssMb(pid: number): { all: number; own: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return { all: mb('VmRSS'), own: mb('RssAnon') };
  } catch {
    return { all: 0, own: 0 };
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function runLoad(target: Target): Promise<LoadResult> {
  const peak = rssMb(target.serverPid);
  const sampler = setInterval(() => {
    const now = rssMb(target.serverPid);
    peak.all = Math.max(peak.all, now.all);
    peak.own = Math.max(peak.own, now.own);
  }, 50);
  const latencies: number[] = [];
  let nextConnection = 0;
  const contexts = new WeakMap<object, number>();
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: target.url,
          connections: target.connections,
          duration: target.seconds,
          requests: [
            {
              setupRequest: (request, context) => {
                let connection = contexts.get(context);
                if (connection === undefined) {
                  connection = nextConnection++;
                  contexts.set(context, connection);
                }
                return { ...request, ...target.request(connection) };
              },
            },
          ],
        },
        (error: unknown, result: autocannon.Result) => {
          if (error) reject(error instanceof Error ? error : new Error('autocannon failed'));
          else resolve(result);
        },
      );
      instance.on('response', (_client: autocannon.Client, _status: number, _bytes: number, time: number) => {
        latencies.push(time);
      });
    });
    latencies.sort((a, b) => a - b);
    return {
      connections: target.connections,
      requests: latencies.length,
      perSecond: latencies.length / target.seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      failures: result.non2xx + result.errors,
      failureKinds: [
        ...Object.entries<{ count?: number }>(result.statusCodeStats ?? {})
          .filter(([code]) => !code.startsWith('2'))
          .map(([code, { count }]) => `${code} ×${String(count ?? 0)}`),
        ...(result.timeouts > 0 ? [`timeout ×${result.timeouts}`] : []),
        ...(result.errors > result.timeouts ? [`connection error ×${result.errors - result.timeouts}`] : []),
      ].join(', '),
      peakRssMb: peak.all,
      peakPrivateMb: peak.own,
    };
  } finally {
    clearInterval(sampler);
  }
}
