import type { AnswerInput } from './types.ts';

// The test player's memory on the device: every answer is written here the moment it is given, and
// stays until the server has confirmed it. A tablet is shared, so several people's attempts may be
// stored side by side, one key each. Nothing here throws: when localStorage is missing, blocked or
// full, the data lives in memory for this page instead.

const PREFIX = 'kube-attempt:';

export type StoredAnswer = { optionId: string; answeredAt: string };

export type StoredAttempt = {
  attemptId: string;
  personId: string;
  /** The device's current answer per question id. */
  answers: Record<string, StoredAnswer>;
  /** The option the server has confirmed per question id; an answer differing from it is pending. */
  sent: Record<string, string>;
  /** The screen shown last: a question index, or the number of questions for the review screen. */
  position: number;
  /** The person pressed "Kumpulkan" and the server has not confirmed it yet. */
  submitted?: boolean;
};

export type UnsentAttempt = { attemptId: string; personId: string; count: number };

/** What could not be written to localStorage (blocked or full), newest first in line when reading. */
const memory = new Map<string, string>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // some browsers throw a SecurityError just for looking
  }
}

function read(key: string): string | null {
  const kept = memory.get(key);
  if (kept !== undefined) return kept;
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    const store = storage();
    if (!store) throw new Error('no localStorage');
    store.setItem(key, value);
    memory.delete(key);
  } catch {
    memory.set(key, value);
  }
}

function remove(key: string): void {
  memory.delete(key);
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing more to do
  }
}

function storedKeys(): string[] {
  const keys = new Set(memory.keys());
  try {
    const store = storage();
    for (let i = 0; store && i < store.length; i++) {
      const key = store.key(i);
      if (key !== null) keys.add(key);
    }
  } catch {
    // memory alone, then
  }
  return [...keys].filter((key) => key.startsWith(PREFIX));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a stored record, dropping anything malformed rather than failing. */
function parse(raw: string | null, attemptId: string): StoredAttempt | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const answers: Record<string, StoredAnswer> = {};
  if (isObject(value['answers'])) {
    for (const [questionId, answer] of Object.entries(value['answers'])) {
      if (isObject(answer) && typeof answer['optionId'] === 'string' && typeof answer['answeredAt'] === 'string') {
        answers[questionId] = { optionId: answer['optionId'], answeredAt: answer['answeredAt'] };
      }
    }
  }
  const sent: Record<string, string> = {};
  if (isObject(value['sent'])) {
    for (const [questionId, optionId] of Object.entries(value['sent'])) {
      if (typeof optionId === 'string') sent[questionId] = optionId;
    }
  }
  const position = value['position'];
  return {
    attemptId,
    personId: typeof value['personId'] === 'string' ? value['personId'] : '',
    answers,
    sent,
    position: typeof position === 'number' && Number.isInteger(position) && position >= 0 ? position : 0,
    ...(value['submitted'] === true ? { submitted: true } : {}),
  };
}

const keyOf = (attemptId: string) => PREFIX + attemptId;
const empty = (attemptId: string, personId: string): StoredAttempt => ({
  attemptId,
  personId,
  answers: {},
  sent: {},
  position: 0,
});
const store = (record: StoredAttempt) => {
  write(keyOf(record.attemptId), JSON.stringify(record));
};
const without = (map: Record<string, string>, drop: string) =>
  Object.fromEntries(Object.entries(map).filter(([key]) => key !== drop));
const isPending = (record: StoredAttempt, questionId: string) =>
  record.answers[questionId] !== undefined && record.sent[questionId] !== record.answers[questionId].optionId;
const toInputs = (record: StoredAttempt, questionIds: string[]): AnswerInput[] =>
  questionIds.flatMap((questionId) => {
    const answer = record.answers[questionId];
    return answer ? [{ questionId, optionId: answer.optionId, answeredAt: answer.answeredAt }] : [];
  });

export function loadLocal(attemptId: string): StoredAttempt | null {
  return parse(read(keyOf(attemptId)), attemptId);
}

/** Keeps an answer on the device at once. Choosing the same option again changes nothing. */
export function saveAnswerLocal(attemptId: string, personId: string, answer: AnswerInput): void {
  const record = loadLocal(attemptId) ?? empty(attemptId, personId);
  if (personId) record.personId = personId;
  if (record.answers[answer.questionId]?.optionId === answer.optionId) return;
  record.answers[answer.questionId] = { optionId: answer.optionId, answeredAt: answer.answeredAt };
  // A changed answer always goes out again, even back to an option sent before (the server may hold a
  // newer one from a batch whose reply never arrived).
  record.sent = without(record.sent, answer.questionId);
  store(record);
}

/** Records what the server confirmed; an answer changed since that batch left stays pending. */
export function markSent(attemptId: string, answers: readonly AnswerInput[]): void {
  const record = loadLocal(attemptId);
  if (!record) return;
  for (const answer of answers) {
    if (record.answers[answer.questionId]?.optionId === answer.optionId) {
      record.sent[answer.questionId] = answer.optionId;
    }
  }
  store(record);
}

/** The answers the server has not confirmed yet. */
export function pendingAnswers(attemptId: string): AnswerInput[] {
  const record = loadLocal(attemptId);
  if (!record) return [];
  return toInputs(
    record,
    Object.keys(record.answers).filter((questionId) => isPending(record, questionId)),
  );
}

/** Every answer the device holds, sent or not (what a submission carries). */
export function allAnswers(attemptId: string): AnswerInput[] {
  const record = loadLocal(attemptId);
  return record ? toInputs(record, Object.keys(record.answers)) : [];
}

export function savePosition(attemptId: string, n: number): void {
  const record = loadLocal(attemptId) ?? empty(attemptId, '');
  record.position = Math.max(0, Math.floor(n));
  store(record);
}

/** Remembers that "Kumpulkan" was pressed, so a reload tries the submission again. */
export function markSubmitPending(attemptId: string, pending: boolean): void {
  const record = loadLocal(attemptId);
  if (!record) return;
  if (pending) record.submitted = true;
  else delete record.submitted;
  store(record);
}

/**
 * Joins the server's answers with the device's: an answer given here and not yet confirmed wins (it is
 * newer); otherwise the server's answer is taken. An answer marked sent that the server does not hold is
 * made pending again. Returns the chosen option per question id.
 */
export function mergeServerAnswers(
  attemptId: string,
  personId: string,
  serverAnswers: Readonly<Record<string, string>>,
  now = new Date(),
): Record<string, string> {
  const record = loadLocal(attemptId) ?? empty(attemptId, personId);
  if (personId) record.personId = personId;
  for (const [questionId, optionId] of Object.entries(serverAnswers)) {
    const local = record.answers[questionId];
    if (local && local.optionId !== optionId && isPending(record, questionId)) continue;
    if (local?.optionId !== optionId) record.answers[questionId] = { optionId, answeredAt: now.toISOString() };
    record.sent[questionId] = optionId;
  }
  record.sent = Object.fromEntries(
    Object.entries(record.sent).filter(([questionId]) => Object.hasOwn(serverAnswers, questionId)),
  );
  store(record);
  return Object.fromEntries(
    Object.entries(record.answers).map(([questionId, answer]) => [questionId, answer.optionId]),
  );
}

/** Removes the attempt from the device. Call only after the server confirmed the submission. */
export function forgetAttempt(attemptId: string): void {
  remove(keyOf(attemptId));
}

export type HeldAttempt = { attemptId: string; personId: string; unsent: number; submitPending: boolean };

/**
 * Every attempt this device holds, whoever it belongs to, with the answers the server has not confirmed.
 * Answers given less than `graceMs` ago are on their way and not counted, so a report does not flicker.
 */
export function listHeld(now = Date.now(), graceMs = 0): HeldAttempt[] {
  return storedKeys().flatMap((key) => {
    const record = parse(read(key), key.slice(PREFIX.length));
    if (!record) return [];
    const unsent = Object.keys(record.answers).filter((questionId) => {
      const answeredAt = Date.parse(record.answers[questionId]?.answeredAt ?? '');
      return isPending(record, questionId) && !(now - answeredAt < graceMs);
    }).length;
    return [
      { attemptId: record.attemptId, personId: record.personId, unsent, submitPending: record.submitted === true },
    ];
  });
}

/** Every attempt on this device with answers the server has not confirmed, whoever gave them. */
export function listUnsent(): UnsentAttempt[] {
  return listHeld().flatMap(({ attemptId, personId, unsent }) =>
    unsent > 0 ? [{ attemptId, personId, count: unsent }] : [],
  );
}

/**
 * When the device changes hands: drops every attempt whose answers the server has all confirmed, whoever
 * it belongs to, so the next person finds nothing of the one before. Attempts with an unconfirmed answer,
 * or whose "Kumpulkan" is still on its way, stay until they are sent. Returns how many were dropped.
 */
export function pruneConfirmed(): number {
  const confirmed = listHeld().filter((held) => held.unsent === 0 && !held.submitPending);
  for (const { attemptId } of confirmed) forgetAttempt(attemptId);
  return confirmed.length;
}

export type HeldForHandOver = { attemptId: string; personId: string; answers: AnswerInput[]; submit: boolean };

/**
 * What a hand-over sends on the earlier members' behalf: each attempt's unconfirmed answers, or, where
 * "Kumpulkan" was pressed and not confirmed, every answer with the submission.
 */
export function listPending(): HeldForHandOver[] {
  return listHeld().flatMap(({ attemptId, personId, unsent, submitPending }): HeldForHandOver[] => {
    if (submitPending) return [{ attemptId, personId, answers: allAnswers(attemptId), submit: true }];
    return unsent > 0 ? [{ attemptId, personId, answers: pendingAnswers(attemptId), submit: false }] : [];
  });
}
