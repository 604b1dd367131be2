import { markSent, pendingAnswers } from './answer-store.ts';
import { REFUSAL_CODES } from '../../lib/errors.ts';
import type { AnswerInput } from './types.ts';

// Sends the answers kept on the device to the server in the background: one batch at a time, again and
// again with growing pauses while the connection is down, and at once when it comes back.

export type SendResult = 'ok' | 'offline' | { error: string };

export type SyncStatus =
  | { state: 'saved' } // everything on the device has reached the server
  | { state: 'pending' } // some answers wait to be sent
  | { state: 'offline' } // the last try failed for network reasons
  | { state: 'error'; message: string }; // the server refused; `message` is for the reader

/** Pauses between tries after 1, 2, 3, 4 and then every further failure. */
export const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 15_000] as const;

/** Answers per request; the server accepts up to 200. */
export const MAX_BATCH = 100;

type Listenable = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export type SyncOptions = {
  attemptId: string;
  send: (answers: AnswerInput[]) => Promise<SendResult>;
  onStatus: (status: SyncStatus) => void;
  /** Where 'online' is heard; the browser window by default. */
  win?: Listenable | undefined;
  /** Where 'visibilitychange' is heard; the document by default. */
  doc?: (Listenable & { visibilityState: string }) | undefined;
};

export type Sync = {
  /** Sends what is pending now (after the batch in flight, if any); resolves when the run ends. */
  flush: () => Promise<void>;
  /** Stops trying and listening. */
  stop: () => void;
};

const sameStatus = (a: SyncStatus | null, b: SyncStatus) =>
  a !== null && a.state === b.state && (a.state !== 'error' || b.state !== 'error' || a.message === b.message);

export function createSync({
  attemptId,
  send,
  onStatus,
  win = typeof window === 'undefined' ? undefined : window,
  doc = typeof document === 'undefined' ? undefined : document,
}: SyncOptions): Sync {
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;
  let last: SyncStatus | null = null;

  const isStopped = () => stopped; // read after an await: stop() may have run meanwhile
  const report = (status: SyncStatus) => {
    if (stopped || sameStatus(last, status)) return;
    last = status;
    onStatus(status);
  };
  const clearTimer = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const retryLater = () => {
    clearTimer();
    const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1] ?? 15_000;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
  };

  async function run(): Promise<void> {
    clearTimer();
    while (!stopped) {
      const batch = pendingAnswers(attemptId).slice(0, MAX_BATCH);
      if (batch.length === 0) {
        failures = 0;
        report({ state: 'saved' });
        return;
      }
      // While retrying, "offline" or the server's message stays up until a try succeeds.
      if (last === null || last.state === 'saved') report({ state: 'pending' });
      let result: SendResult;
      try {
        result = await send(batch);
      } catch {
        result = 'offline';
      }
      if (result === 'ok') {
        markSent(attemptId, batch);
        failures = 0;
        continue; // answers given meanwhile go out next, still one batch at a time
      }
      if (isStopped()) return;
      failures += 1;
      report(result === 'offline' ? { state: 'offline' } : { state: 'error', message: result.error });
      retryLater();
      return;
    }
  }

  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  const onOnline = () => void flush();
  const onVisible = () => {
    if (doc?.visibilityState === 'visible') void flush();
  };
  win?.addEventListener('online', onOnline);
  doc?.addEventListener('visibilitychange', onVisible);

  return {
    flush,
    stop() {
      stopped = true;
      clearTimer();
      win?.removeEventListener('online', onOnline);
      doc?.removeEventListener('visibilitychange', onVisible);
    },
  };
}

/** The parts of an Astro action's `{ data, error }` result that decide what happened. */
export type ActionOutcome = {
  error?: { code?: string; message?: string; type?: string; status?: number } | undefined;
};

/** Answers worth trying again as if the network had failed: timeouts, overload, a server or gateway fault. */
const TRANSIENT = new Set([
  'REQUEST_TIMEOUT',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
  'NOT_IMPLEMENTED',
  'BAD_GATEWAY',
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
]);
const REFUSALS = new Set<string>(REFUSAL_CODES);

/**
 * Calls the server and says what happened: 'ok'; 'offline' (no network, a thrown fetch, no answer within
 * `timeoutMs`, a transient refusal or any server fault, 5xx); or the sentence to show. A refusal by the
 * action itself (a REFUSAL_CODES code on an action error) carries a sentence already in the reader's
 * language; anything else the server refused (its input check, a body it would not read) gets `fallback`.
 */
export async function settle(
  call: () => Promise<ActionOutcome>,
  fallback: string,
  timeoutMs = 20_000,
): Promise<SendResult> {
  if (typeof navigator !== 'undefined' && 'onLine' in navigator && !navigator.onLine) return 'offline';
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        resolve('timeout');
      }, timeoutMs);
    });
    const outcome = await Promise.race([call(), timeout]);
    if (outcome === 'timeout') return 'offline';
    const error = outcome.error;
    if (!error) return 'ok';
    const code = error.code ?? '';
    if (TRANSIENT.has(code) || (error.status ?? 0) >= 500) return 'offline';
    const refused = error.type === 'AstroActionError' && REFUSALS.has(code) && error.message?.trim();
    return { error: refused || fallback };
  } catch {
    return 'offline';
  } finally {
    clearTimeout(timer);
  }
}
