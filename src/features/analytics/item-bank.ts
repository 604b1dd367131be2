import { singleItemAnalysis } from '../../lib/stats/index.ts';
import { runSteps } from '../../lib/yield.ts';
import { MIN_FOR_ITEM_FLAGS } from './items.ts';

// How each item of a bank behaved, per version, over every counted attempt of a module: pure arithmetic, no I/O.
// A revised item is a new version: its statistics start fresh, and the old version's stay apart.

/** Above this share right on the pre-test an item tells little (nearly everyone knew it before the lessons). */
export const TOO_EASY_BEFORE = 0.9;

export type BankAttempt = {
  kind: 'pre' | 'post';
  /** The set of questions shown, sorted by id (one array per set, shared by every attempt that showed it). */
  questionIds: readonly string[];
  /** The version shown of each question of `questionIds`, in that order. */
  versions: readonly number[];
  /** '1' or '0' per question of `questionIds`, in that order. */
  bits: string;
};

export type SideStats = {
  /** People who saw this version of the item on this test. */
  n: number;
  /** Share right (classical difficulty p); null when nobody saw it. */
  difficulty: number | null;
  /** Upper minus lower 27 % by the total on the same form; null when fewer than two people. */
  discrimination: number | null;
  /** Corrected point-biserial (item against the rest of the form); null when undefined. */
  pointBiserial: number | null;
};

export type ItemVersionStats = { questionId: string; version: number; pre: SideStats; post: SideStats };

/** 'few' when too few people took the test to say. */
export type Flag = 'yes' | 'no' | 'few';
export type ItemFlags = { tooEasyBefore: Flag; negative: Flag };

const EMPTY: SideStats = { n: 0, difficulty: null, discrimination: null, pointBiserial: null };
const finite = (value: number) => (Number.isFinite(value) ? value : null);

type Column = { values: (0 | 1)[]; totals: number[] };

/** Attempts read between two yields: about a millisecond of work. */
const STEP = 1000;

/** Every item version's results on each test, with each taker's total on the form they took. */
function* collect(attempts: readonly BankAttempt[]): Generator<void, Map<string, Column>> {
  const columns = new Map<string, Column>();
  let read = 0;
  for (const { kind, questionIds, versions, bits } of attempts) {
    if (++read % STEP === 0) yield;
    if (bits.length !== questionIds.length || versions.length !== questionIds.length) continue;
    let total = 0;
    for (let i = 0; i < bits.length; i += 1) if (bits.charCodeAt(i) === 49) total += 1; // '1'
    questionIds.forEach((questionId, i) => {
      const key = `${questionId}\u0000${String(versions[i])}\u0000${kind}`;
      let column = columns.get(key);
      if (!column) {
        column = { values: [], totals: [] };
        columns.set(key, column);
      }
      column.values.push(bits.charCodeAt(i) === 49 ? 1 : 0);
      column.totals.push(total);
    });
  }
  return columns;
}

function side(column: Column | undefined): SideStats {
  if (!column || column.values.length === 0) return EMPTY;
  const analysis = singleItemAnalysis(column.values, column.totals);
  return {
    n: column.values.length,
    difficulty: finite(analysis.difficulty),
    discrimination: finite(analysis.discrimination),
    pointBiserial: finite(analysis.pointBiserial),
  };
}

/**
 * Statistics per item and version, on the pre-test and on the post-test, sorted by id then version. A generator
 * that yields between chunks (a module's 100,000 attempts take about a second), for `runStepsYielding`.
 */
export function* itemVersionSteps(attempts: readonly BankAttempt[]): Generator<void, ItemVersionStats[]> {
  const columns = yield* collect(attempts);
  const versions = new Map<string, { questionId: string; version: number }>();
  for (const key of columns.keys()) {
    const [questionId = '', version = '0'] = key.split('\u0000');
    versions.set(`${questionId}\u0000${version}`, { questionId, version: Number(version) });
  }
  const out: ItemVersionStats[] = [];
  for (const [key, { questionId, version }] of versions) {
    yield;
    const pre = side(columns.get(`${key}\u0000pre`));
    yield;
    out.push({ questionId, version, pre, post: side(columns.get(`${key}\u0000post`)) });
  }
  return out.sort((a, b) =>
    a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : a.version - b.version,
  );
}

/** The same statistics, at once. */
export const itemVersionStats = (attempts: readonly BankAttempt[]): ItemVersionStats[] =>
  runSteps(itemVersionSteps(attempts));

/**
 * Too easy before: right for more than 90 % on the pre-test. Negative: discrimination or point-biserial below zero
 * on either test (those who did better on the whole form did worse on this item). Each needs at least
 * MIN_FOR_ITEM_FLAGS people on the test it reads, else 'few'.
 */
export function itemFlags(stats: Pick<ItemVersionStats, 'pre' | 'post'>): ItemFlags {
  const enough = (s: SideStats) => s.n >= MIN_FOR_ITEM_FLAGS;
  const tooEasyBefore: Flag = !enough(stats.pre) ? 'few' : (stats.pre.difficulty ?? 0) > TOO_EASY_BEFORE ? 'yes' : 'no';
  const sides = [stats.pre, stats.post].filter(enough);
  const below = (value: number | null) => value !== null && value < 0;
  const negative: Flag =
    sides.length === 0 ? 'few' : sides.some((s) => below(s.discrimination) || below(s.pointBiserial)) ? 'yes' : 'no';
  return { tooEasyBefore, negative };
}

export const NO_STATS: Pick<ItemVersionStats, 'pre' | 'post'> = { pre: EMPTY, post: EMPTY };
