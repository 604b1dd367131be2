import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pendingAnswers, saveAnswerLocal } from '../../src/features/assessment/answer-store.ts';
import { createSync, settle, type SendResult, type SyncStatus } from '../../src/features/assessment/sync.ts';
import type { AnswerInput } from '../../src/features/assessment/types.ts';

class FakeStorage implements Storage {
  readonly data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const ID = 'attempt-1';
const give = (questionId: string, optionId: string) => {
  saveAnswerLocal(ID, 'sumarni', { questionId, optionId, answeredAt: new Date().toISOString() });
};

/** A server whose replies the test releases one by one. */
function fakeServer() {
  const batches: AnswerInput[][] = [];
  const replies: ((result: SendResult) => void)[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  const send = (answers: AnswerInput[]) => {
    batches.push(answers);
    inFlight += 1;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    return new Promise<SendResult>((resolve) => {
      replies.push((result) => {
        inFlight -= 1;
        resolve(result);
      });
    });
  };
  const reply = async (result: SendResult) => {
    const next = replies.shift();
    if (!next) throw new Error('no request waiting');
    next(result);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { send, reply, batches, mostAtOnce: () => mostAtOnce };
}

let win: EventTarget;
let doc: EventTarget & { visibilityState: string };
let statuses: SyncStatus[];

beforeEach(() => {
  vi.useFakeTimers();
  globalThis.localStorage = new FakeStorage();
  win = new EventTarget();
  doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  statuses = [];
});
afterEach(() => {
  vi.useRealTimers();
});

const start = (send: (answers: AnswerInput[]) => Promise<SendResult>) =>
  createSync({ attemptId: ID, send, onStatus: (s) => statuses.push(s), win, doc });

describe('createSync()', () => {
  it('sends the pending answers in one batch and reports them saved', async () => {
    const server = fakeServer();
    give('q1', 'a');
    give('q2', 'b');
    const sync = start(server.send);
    void sync.flush();
    expect(server.batches.map((b) => b.map((a) => a.questionId))).toEqual([['q1', 'q2']]);
    expect(statuses).toEqual([{ state: 'pending' }]);
    await server.reply('ok');
    expect(statuses).toEqual([{ state: 'pending' }, { state: 'saved' }]);
    expect(pendingAnswers(ID)).toEqual([]);
    sync.stop();
  });

  it('never sends a second batch while one is in flight, and sends answers given meanwhile next', async () => {
    const server = fakeServer();
    give('q1', 'a');
    const sync = start(server.send);
    void sync.flush();
    give('q2', 'b');
    void sync.flush();
    void sync.flush();
    expect(server.batches).toHaveLength(1);
    await server.reply('ok');
    expect(server.batches).toHaveLength(2);
    expect(server.batches[1]?.map((a) => a.questionId)).toEqual(['q2']);
    await server.reply('ok');
    expect(server.mostAtOnce()).toBe(1);
    expect(statuses.at(-1)).toEqual({ state: 'saved' });
    sync.stop();
  });

  it('backs off 1, 2, 5, 10 and then every 15 seconds while offline', async () => {
    const send = vi.fn(() => Promise.resolve<SendResult>('offline'));
    give('q1', 'a');
    const sync = start(send);
    await sync.flush();
    expect(statuses).toEqual([{ state: 'pending' }, { state: 'offline' }]);
    const calls = [1];
    for (const pause of [1_000, 2_000, 5_000, 10_000, 15_000, 15_000]) {
      await vi.advanceTimersByTimeAsync(pause - 1);
      expect(send).toHaveBeenCalledTimes(calls.length);
      await vi.advanceTimersByTimeAsync(1);
      calls.push(1);
      expect(send).toHaveBeenCalledTimes(calls.length);
    }
    expect(pendingAnswers(ID)).toHaveLength(1);
    sync.stop();
  });

  it('treats a thrown network error as offline and keeps the answers', async () => {
    const sync = start(() => Promise.reject(new TypeError('Failed to fetch')));
    give('q1', 'a');
    await sync.flush();
    expect(statuses.at(-1)).toEqual({ state: 'offline' });
    expect(pendingAnswers(ID)).toHaveLength(1);
    sync.stop();
  });

  it("sends at once when the browser says it is back online, and when the tablet's screen comes back", async () => {
    let online = false;
    const send = vi.fn(() => Promise.resolve<SendResult>(online ? 'ok' : 'offline'));
    give('q1', 'a');
    const sync = start(send);
    await sync.flush();
    expect(send).toHaveBeenCalledTimes(1);

    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(2);

    online = true;
    win.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(3);
    expect(statuses.at(-1)).toEqual({ state: 'saved' });
    sync.stop();
  });

  it("reports the server's refusal with its message, and tries again later", async () => {
    const send = vi
      .fn<(answers: AnswerInput[]) => Promise<SendResult>>()
      .mockResolvedValueOnce({ error: 'Tes ini sudah dikumpulkan.' })
      .mockResolvedValue('ok');
    give('q1', 'a');
    const sync = start(send);
    await sync.flush();
    expect(statuses.at(-1)).toEqual({ state: 'error', message: 'Tes ini sudah dikumpulkan.' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statuses.at(-1)).toEqual({ state: 'saved' });
    sync.stop();
  });

  it('stops trying once nothing is pending', async () => {
    const send = vi.fn(() => Promise.resolve<SendResult>('ok'));
    give('q1', 'a');
    const sync = start(send);
    await sync.flush();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    await sync.flush();
    expect(send).toHaveBeenCalledTimes(1);
    sync.stop();
  });

  it('stops retrying and listening when stopped', async () => {
    const send = vi.fn(() => Promise.resolve<SendResult>('offline'));
    give('q1', 'a');
    const sync = start(send);
    await sync.flush();
    sync.stop();
    win.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('settle()', () => {
  const fallback = 'Server sedang bermasalah.';

  it('says ok for a result without an error', async () => {
    expect(await settle(() => Promise.resolve({ error: undefined }), fallback)).toBe('ok');
  });

  it('passes on a readable message from the server', async () => {
    const error = { code: 'CONFLICT', message: 'Tes ini sudah dikumpulkan.', type: 'AstroActionError' };
    expect(await settle(() => Promise.resolve({ error }), fallback)).toEqual({ error: 'Tes ini sudah dikumpulkan.' });
  });

  it("shows the action's own refusal by its code and type, whatever its words", async () => {
    const error = { code: 'FORBIDDEN', message: 'Anda tidak punya izin.', type: 'AstroActionError', status: 403 };
    expect(await settle(() => Promise.resolve({ error }), fallback)).toEqual({ error: 'Anda tidak punya izin.' });
  });

  it('replaces an input error or a refusal that is not an action refusal with the fallback sentence', async () => {
    for (const error of [
      { code: 'BAD_REQUEST', message: 'Failed to validate: [{}]', type: 'AstroActionInputError', status: 400 },
      { code: 'CONTENT_TOO_LARGE', message: 'Request body exceeds 1048576 bytes', type: 'AstroActionError' },
      { code: 'CONFLICT', message: '', type: 'AstroActionError', status: 409 },
    ]) {
      expect(await settle(() => Promise.resolve({ error }), fallback)).toEqual({ error: fallback });
    }
  });

  it('treats a server fault (5xx) as offline, to be tried again', async () => {
    for (const error of [
      { code: 'INTERNAL_SERVER_ERROR', message: 'SQLITE_BUSY: database is locked', type: 'AstroActionError' },
      { code: 'SERVICE_UNAVAILABLE', type: 'AstroActionError', status: 503 },
      { code: 'UNKNOWN', message: '<html>Bad gateway</html>', status: 502 },
    ]) {
      expect(await settle(() => Promise.resolve({ error }), fallback)).toBe('offline');
    }
  });

  it('calls a failed fetch, a gateway error and a reply that never comes offline', async () => {
    expect(await settle(() => Promise.reject(new TypeError('Failed to fetch')), fallback)).toBe('offline');
    expect(await settle(() => Promise.resolve({ error: { code: 'GATEWAY_TIMEOUT' } }), fallback)).toBe('offline');
    const never = settle(() => new Promise(() => undefined), fallback, 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await never).toBe('offline');
  });
});
