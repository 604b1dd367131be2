import type { Client, Transaction } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Database } from '../../db/client.ts';
import * as schema from '../../db/schema.ts';

// What a libSQL server would see: every request the app sends (a statement, a batch, a transaction's begin,
// each of its statements, its commit) is one network round trip. This wraps the real test database's client
// and counts them, optionally waiting `latencyMs` per request like a server across a network. Nothing is
// faked: every statement still runs on the real database.

export type RoundTrips = {
  db: Database;
  /** Requests sent since the last reset. */
  count: () => number;
  /** The most requests that were on their way at one moment (1 when every load waited for the one before). */
  maxInFlight: () => number;
  reset: () => void;
};

const REQUESTS = new Set(['execute', 'batch', 'migrate', 'executeMultiple', 'commit', 'rollback']);

export function countRoundTrips(client: Client, latencyMs = 0): RoundTrips {
  let count = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const request = async <T>(send: () => Promise<T>): Promise<T> => {
    count++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return await send();
    } finally {
      inFlight--;
    }
  };
  const wrap = <T extends object>(target: T, extra: (name: string | symbol) => unknown): T =>
    new Proxy(target, {
      get(object, name) {
        const special = extra(name);
        if (special !== undefined) return special;
        const value: unknown = Reflect.get(object, name, object);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(object);
        if (typeof name !== 'string' || !REQUESTS.has(name)) return method;
        return (...args: unknown[]) => request(() => method(...args) as Promise<unknown>);
      },
    });
  const counted = wrap(client, (name) =>
    name === 'transaction'
      ? async (mode?: 'write' | 'read' | 'deferred') =>
          wrap(await request(() => client.transaction(mode)), () => undefined) satisfies Transaction
      : undefined,
  );
  return {
    db: drizzle(counted, { schema }),
    count: () => count,
    maxInFlight: () => maxInFlight,
    reset: () => {
      count = 0;
      maxInFlight = 0;
    },
  };
}
