import { beforeEach, describe, expect, it } from 'vitest';
import {
  allAnswers,
  forgetAttempt,
  listHeld,
  listPending,
  listUnsent,
  markSubmitPending,
  loadLocal,
  markSent,
  mergeServerAnswers,
  pendingAnswers,
  pruneConfirmed,
  saveAnswerLocal,
  savePosition,
} from '../../src/features/assessment/answer-store.ts';

/** localStorage as a browser has it, kept in a Map; `full` makes every write fail like a full quota. */
class FakeStorage implements Storage {
  readonly data = new Map<string, string>();
  full = false;
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
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(key, value);
  }
}

let storage: FakeStorage;
beforeEach(() => {
  storage = new FakeStorage();
  globalThis.localStorage = storage;
});

const A = 'attempt-a';
const B = 'attempt-b';
const answer = (questionId: string, optionId: string, answeredAt = '2025-01-01T10:00:00.000Z') => ({
  questionId,
  optionId,
  answeredAt,
});

describe('answer store', () => {
  it('keeps an answer on the device under kube-attempt:<id> until the server confirms it', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    expect(storage.getItem(`kube-attempt:${A}`)).toContain('"personId":"sumarni"');
    expect(pendingAnswers(A)).toEqual([answer('q1', 'a')]);

    markSent(A, [answer('q1', 'a')]);
    expect(pendingAnswers(A)).toEqual([]);
    expect(allAnswers(A)).toEqual([answer('q1', 'a')]);
  });

  it('leaves a newer answer pending when the batch that was sent carried the older one', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    const batch = pendingAnswers(A);
    saveAnswerLocal(A, 'sumarni', answer('q1', 'b', '2025-01-01T10:01:00.000Z'));
    markSent(A, batch);
    expect(pendingAnswers(A)).toEqual([answer('q1', 'b', '2025-01-01T10:01:00.000Z')]);
  });

  it('sends a changed answer again even when it goes back to an option sent before', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, pendingAnswers(A));
    saveAnswerLocal(A, 'sumarni', answer('q1', 'b'));
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a', '2025-01-01T10:02:00.000Z'));
    expect(pendingAnswers(A)).toEqual([answer('q1', 'a', '2025-01-01T10:02:00.000Z')]);
  });

  it('treats tapping the chosen option again as no change', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, pendingAnswers(A));
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a', '2025-01-01T11:00:00.000Z'));
    expect(pendingAnswers(A)).toEqual([]);
  });

  it('remembers the screen the person was on', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    savePosition(A, 3);
    expect(loadLocal(A)?.position).toBe(3);
  });

  it('forgets only the attempt it is told to forget', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    saveAnswerLocal(B, 'wati', answer('q1', 'b'));
    forgetAttempt(A);
    expect(loadLocal(A)).toBeNull();
    expect(pendingAnswers(B)).toHaveLength(1);
  });

  it("lists another person's unsent answers left on a shared tablet", () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, pendingAnswers(A));
    saveAnswerLocal(B, 'wati', answer('q1', 'b'));
    saveAnswerLocal(B, 'wati', answer('q2', 'c'));
    storage.setItem('unrelated', 'x');
    expect(listUnsent()).toEqual([{ attemptId: B, personId: 'wati', count: 2 }]);
  });

  it('reports every attempt the tablet holds, counting only answers unsent for longer than the grace', () => {
    const now = Date.parse('2026-11-28T08:00:10Z');
    saveAnswerLocal(A, 'sumarni', { questionId: 'q1', optionId: 'a', answeredAt: '2026-11-28T08:00:00Z' });
    markSent(A, pendingAnswers(A));
    saveAnswerLocal(B, 'wati', { questionId: 'q1', optionId: 'b', answeredAt: '2026-11-28T08:00:01Z' });
    saveAnswerLocal(B, 'wati', { questionId: 'q2', optionId: 'c', answeredAt: '2026-11-28T08:00:09Z' });
    markSubmitPending(B, true);
    const held = listHeld(now, 5_000).sort((x, y) => x.personId.localeCompare(y.personId));
    expect(held).toEqual([
      { attemptId: A, personId: 'sumarni', unsent: 0, submitPending: false },
      { attemptId: B, personId: 'wati', unsent: 1, submitPending: true },
    ]);
    expect(listHeld(now).find((h) => h.attemptId === B)?.unsent).toBe(2);
  });

  it('lets an unconfirmed device answer win over the server, and takes the server answer otherwise', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'b'));
    saveAnswerLocal(A, 'sumarni', answer('q2', 'a'));
    markSent(A, [answer('q2', 'a')]);
    const merged = mergeServerAnswers(A, 'sumarni', { q1: 'a', q2: 'c', q3: 'd' });
    expect(merged).toEqual({ q1: 'b', q2: 'c', q3: 'd' });
    expect(pendingAnswers(A).map((a) => a.questionId)).toEqual(['q1']);
  });

  it('sends again an answer marked sent that the server does not hold', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, pendingAnswers(A));
    mergeServerAnswers(A, 'sumarni', {});
    expect(pendingAnswers(A)).toEqual([answer('q1', 'a')]);
  });

  it('keeps answers in memory, without throwing, when the device storage is full', () => {
    storage.full = true;
    expect(() => {
      saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    }).not.toThrow();
    expect(pendingAnswers(A)).toEqual([answer('q1', 'a')]);
    expect(listUnsent()).toEqual([{ attemptId: A, personId: 'sumarni', count: 1 }]);
    storage.full = false;
    forgetAttempt(A);
  });

  it('works in memory when there is no localStorage at all', () => {
    Reflect.deleteProperty(globalThis, 'localStorage');
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    expect(pendingAnswers(A)).toHaveLength(1);
    forgetAttempt(A);
    expect(loadLocal(A)).toBeNull();
  });

  it('ignores a damaged record instead of failing', () => {
    storage.setItem(`kube-attempt:${A}`, '{not json');
    expect(loadLocal(A)).toBeNull();
    expect(pendingAnswers(A)).toEqual([]);
    expect(listUnsent()).toEqual([]);
  });
});

describe('pruneConfirmed()', () => {
  it('drops attempts whose answers the server confirmed, whoever they belong to', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, [answer('q1', 'a')]);
    saveAnswerLocal(B, 'bakri', answer('q1', 'c'));
    markSent(B, [answer('q1', 'c')]);
    expect(pruneConfirmed()).toBe(2);
    expect(storage.data.size).toBe(0);
    expect(listHeld()).toEqual([]);
  });

  it('drops an attempt with no answer at all (only the screen it was on)', () => {
    savePosition(A, 3);
    pruneConfirmed();
    expect(loadLocal(A)).toBeNull();
  });

  it('keeps an attempt with an answer the server has not confirmed, and offers it for sending', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, [answer('q1', 'a')]);
    saveAnswerLocal(A, 'sumarni', answer('q2', 'b'));
    saveAnswerLocal(B, 'bakri', answer('q1', 'c'));
    markSent(B, [answer('q1', 'c')]);
    expect(pruneConfirmed()).toBe(1);
    expect(loadLocal(B)).toBeNull();
    expect(listPending()).toEqual([{ attemptId: A, personId: 'sumarni', answers: [answer('q2', 'b')], submit: false }]);
  });

  it('keeps an attempt whose submission is still on its way, even with every answer confirmed', () => {
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, [answer('q1', 'a')]);
    markSubmitPending(A, true);
    expect(pruneConfirmed()).toBe(0);
    expect(allAnswers(A)).toEqual([answer('q1', 'a')]);
    // The hand-over hands it in with every answer, as the member's own player would have.
    expect(listPending()).toEqual([{ attemptId: A, personId: 'sumarni', answers: [answer('q1', 'a')], submit: true }]);
  });

  it('drops, once sent, what was kept in memory because the device storage was full', () => {
    storage.full = true;
    saveAnswerLocal(A, 'sumarni', answer('q1', 'a'));
    markSent(A, [answer('q1', 'a')]);
    pruneConfirmed();
    expect(loadLocal(A)).toBeNull();
  });
});
