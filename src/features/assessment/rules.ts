import type { Question } from '../learning/content-schemas.ts';
import type { AttemptItem, AttemptScore, FormName, ObjectiveScore, TestKind } from './types.ts';
import { gainBand as statsGainBand } from '../../lib/stats/index.ts';
import { lessonsUnlocked, stageOf, type ModuleStage } from '../learning/module-state.ts';
import { retentionOpen, type RetentionStage } from './retention.ts';

export { lessonsUnlocked };

// Pure rules of the assessment slice: which form and order an attempt shows, what it scores, what the gain
// is, and when a test may start. No I/O, so it runs the same on the server, in the browser and in tests.

/**
 * A small deterministic 32-bit hash: FNV-1a over the UTF-16 code units, then the murmur3 finalizer.
 * The finalizer matters: plain FNV-1a keeps the parity of the input, and `assignForm` reads the parity.
 */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** mulberry32: a tiny seeded PRNG giving numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The form a person gets: none for the 'same' design; for 'parallel', counterbalanced — the pre-test form
 * is A when `hashString(personId + ':' + moduleSlug)` is even, else B, and the post-test uses the other.
 */
export function assignForm(
  personId: string,
  moduleSlug: string,
  kind: TestKind,
  design: 'same' | 'parallel',
): FormName | null {
  if (design === 'same') return null;
  const preForm: FormName = hashString(`${personId}:${moduleSlug}`) % 2 === 0 ? 'A' : 'B';
  if (kind === 'pre') return preForm;
  return preForm === 'A' ? 'B' : 'A';
}

/**
 * The post-test form of a person whose counted pre-test had no form: they took it while the module showed the
 * same items before and after, and the module has parallel forms now. Each form may keep some of the old
 * questions; the one that repeats fewer of them is the fairer post-test, since remembered items inflate the
 * gain. On a tie the counterbalanced form stands.
 */
export function postFormAfterSameDesign(
  preQuestionIds: readonly string[],
  questions: readonly Question[],
  counterbalanced: FormName,
): FormName {
  const seen = new Set(preQuestionIds);
  const repeated = (form: FormName) => questions.filter((q) => q.form === form && seen.has(q.id)).length;
  const a = repeated('A');
  const b = repeated('B');
  if (a === b) return counterbalanced;
  return a < b ? 'A' : 'B';
}

/** A new array in a deterministic Fisher–Yates order seeded by `hashString(seed)`: same seed, same order. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = mulberry32(hashString(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The items an attempt shows: the questions of the form (all when `form` is null), in an order seeded by
 * the attempt id, each with its options in an order seeded by `attemptId + ':' + questionId` (a numeric item
 * has none, and says so with `type`).
 */
export function buildAttemptItems(
  questions: readonly Question[],
  form: FormName | null,
  attemptId: string,
): AttemptItem[] {
  const chosen = form === null ? questions : questions.filter((q) => q.form === form);
  return seededShuffle(chosen, attemptId).map((q): AttemptItem => {
    const shown = { questionId: q.id, version: q.version, objective: q.objective };
    if (q.type === 'number') return { ...shown, optionOrder: [], type: 'number' };
    return {
      ...shown,
      optionOrder: seededShuffle(
        q.options.map((o) => o.id),
        `${attemptId}:${q.id}`,
      ),
    };
  });
}

/** 100 × correct / total, rounded to one decimal; 0 when there is nothing to score. */
function percent(correct: number, total: number): number {
  // 1000 × c / t in one step keeps 2 of 3 at 666.66…, so rounding gives 66.7 without float drift.
  return total === 0 ? 0 : Math.round((1000 * correct) / total) / 10;
}

/**
 * Score of an attempt, overall and per objective: 100 × correct / total, rounded to one decimal.
 * An unanswered item counts as wrong; an attempt with no items scores 0. A numeric item is right when its
 * stored canonical digits equal the key's (both are canonical, so "Rp 1.250.000" typed matches 1250000).
 */
export function scoreAttempt(
  items: readonly AttemptItem[],
  answers: Readonly<Record<string, string>>,
  correctById: Readonly<Record<string, string>>,
): AttemptScore {
  let correct = 0;
  const itemResults: Record<string, 0 | 1> = {};
  const tally = new Map<string, { correct: number; total: number }>();
  for (const item of items) {
    const answer = answers[item.questionId];
    const right = answer !== undefined && answer === correctById[item.questionId];
    if (right) correct++;
    itemResults[item.questionId] = right ? 1 : 0;
    const entry = tally.get(item.objective) ?? { correct: 0, total: 0 };
    tally.set(item.objective, { correct: entry.correct + (right ? 1 : 0), total: entry.total + 1 });
  }
  const byObjective: Record<string, ObjectiveScore> = {};
  for (const [objective, t] of tally) {
    byObjective[objective] = { correct: t.correct, total: t.total, score: percent(t.correct, t.total) };
  }
  return { score: percent(correct, items.length), correct, total: items.length, byObjective, itemResults };
}

/**
 * An attempt's item results in the form reports read: its question ids sorted and comma-joined (the item set),
 * and '1' or '0' per question in that order.
 */
export function packItemResults(itemResults: Readonly<Record<string, 0 | 1>>): { questionIds: string; bits: string } {
  const ids = Object.keys(itemResults).sort();
  return { questionIds: ids.join(','), bits: ids.map((id) => (itemResults[id] === 1 ? '1' : '0')).join('') };
}

/** Gain of one person: post − pre, in percentage points (README: "Gain reports" and the glossary). */
export function gain(pre: number, post: number): number {
  return post - pre;
}

/** Normalized gain g = (post − pre) / (100 − pre); null when pre = 100 (README: "Gain reports" and the glossary). */
export { normalizedGain } from '../../lib/stats/index.ts';

const BAND_NAMES = { low: 'rendah', medium: 'sedang', high: 'tinggi' } as const;

/** Band of a normalized gain in the words results use: rendah < 0.3 ≤ sedang < 0.7 ≤ tinggi (README: "Gain reports" and the glossary). */
export function gainBand(g: number | null): 'rendah' | 'sedang' | 'tinggi' | null {
  return g === null ? null : BAND_NAMES[statsGainBand(g)];
}

/** What the gating rules need to know about one person and one module. */
export type TestState = {
  /** How many pre-test attempts this person submitted for the module. */
  preSubmitted: number;
  postSubmitted: number;
  /** A facilitator waived the pre-test for this person. */
  preWaived: boolean;
  /** A facilitator opened the post-test (e.g. in a workshop). */
  postOpened: boolean;
  /** A facilitator allowed one more pre-test. */
  retakePre: boolean;
  retakePost: boolean;
  /** Every lesson of the module is marked done. */
  lessonsDone: boolean;
  /** An unsubmitted pre attempt exists. */
  hasOpenPre: boolean;
  hasOpenPost: boolean;
  hasOpenRetention: boolean;
  /** Where the retention test stands today (assessment/retention.ts). */
  retention: RetentionStage;
};

export type TestGate =
  | { allowed: true }
  | {
      allowed: false;
      reason:
        | 'pre_done'
        | 'post_done'
        | 'pre_first'
        | 'lessons_first'
        | 'post_first'
        | 'retention_wait'
        | 'retention_done'
        | 'retention_missed';
      /** For `retention_wait`: the day the retention test opens. */
      opensOn?: string;
    };

const ALLOWED: TestGate = { allowed: true };

/**
 * May a test start? An open attempt may always be resumed. A pre-test is taken once unless a facilitator
 * allows a retake. A post-test needs the pre-test (or a waiver) and the lessons (or a facilitator opening it),
 * and is taken once unless a retake is allowed. A retention test needs a counted post-test some weeks old
 * (assessment/retention.ts) and is taken once.
 */
export function canStartTest(kind: TestKind, state: TestState): TestGate {
  if (kind === 'retention') {
    const stage = state.retention;
    if (state.hasOpenRetention || retentionOpen(stage)) return ALLOWED;
    if (stage.stage === 'waiting') return { allowed: false, reason: 'retention_wait', opensOn: stage.opensOn };
    if (stage.stage === 'missed') return { allowed: false, reason: 'retention_missed' };
    return { allowed: false, reason: stage.stage === 'done' ? 'retention_done' : 'post_first' };
  }
  if (kind === 'pre') {
    if (state.hasOpenPre) return ALLOWED;
    if (state.preSubmitted > 0 && !state.retakePre) return { allowed: false, reason: 'pre_done' };
    return ALLOWED;
  }
  if (state.hasOpenPost) return ALLOWED;
  if (!lessonsUnlocked(state)) return { allowed: false, reason: 'pre_first' };
  if (!state.lessonsDone && !state.postOpened) return { allowed: false, reason: 'lessons_first' };
  if (state.postSubmitted > 0 && !state.retakePost) return { allowed: false, reason: 'post_done' };
  return ALLOWED;
}

/** Where a person stands in a module: the learning slice's one rule (`stageOf`), fed by the test facts. */
export function moduleStage(state: TestState): ModuleStage {
  return stageOf(state, state.lessonsDone);
}
