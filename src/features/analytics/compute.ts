import {
  classGain,
  cohensDz,
  gainBand,
  mean,
  normalizedGain,
  pairedTTest,
  retainedShare,
  wilcoxonSignedRank,
} from '../../lib/stats/index.ts';
import { daysBetween } from '../../lib/dates.ts';
import { retentionFigures, type RetentionFigures } from './retention.ts';
import { verdictOf, type Verdict } from './verdict.ts';
import { CHUNK_MS, runSteps, runStepsYielding } from '../../lib/yield.ts';
import { bySex, type SexGroup } from './by-sex.ts';
import { questionRows, type ObjectiveRow, type QuestionRow, type Reliability } from './items.ts';
import type { ObjectiveMap, Pair } from './pairs.ts';

// A gain report from pre/post pairs: pure arithmetic over the pairs, no I/O (README: "Gain reports" and the glossary).

export const DEFAULT_MASTERY = 70;

export { FEW_PAIRS } from './verdict.ts';

export type Band = 'low' | 'medium' | 'high';

export type PersonRow = {
  personId: string;
  name: string;
  kubeName: string;
  moduleSlug: string;
  postDate: string;
  pre: number;
  post: number;
  gain: number;
  g: number | null;
  /** The retention test's score, its day, and the share of the gain it kept; null without one. */
  retention: number | null;
  retentionDate: string | null;
  retained: number | null;
  /** Days from the post-test to the retention test. */
  retentionDays: number | null;
};

/** The report's main figures over a group of pairs: the head of the report, and each row by sex. */
export type MainFigures = {
  /** Pairs of tests (person × module). */
  n: number;
  /** Distinct people among the pairs. */
  nPeople: number;
  meanPre: number | null;
  meanPost: number | null;
  meanGain: number | null;
  /** Share of pairs at the mastery score before and after. */
  masteryBefore: number | null;
  masteryAfter: number | null;
};

/** One row of "Menurut jenis kelamin": the main figures of the pairs of one sex (or of everyone). */
export type SexRow = MainFigures & { group: SexGroup };

export type { Verdict } from './verdict.ts';

export type GainReport = {
  /** Pairs of tests (person × module): what the statistics are computed over. */
  n: number;
  /** Distinct people among the pairs: a person who took two modules counts once. */
  nPeople: number;
  mastery: number;
  meanPre: number | null;
  meanPost: number | null;
  meanGain: number | null;
  classGain: number | null;
  classBand: Band | null;
  meanG: number | null;
  meanGBand: Band | null;
  /** People whose g is defined (pre below 100). */
  nG: number;
  masteryBefore: number | null;
  masteryAfter: number | null;
  dz: number | null;
  tTest: { t: number; df: number; p: number } | null;
  wilcoxon: { v: number; p: number; exact: boolean; n: number } | null;
  /** What the numbers allow one to say, for the plain-language sentence. */
  verdict: Verdict;
  people: PersonRow[];
  objectives: ObjectiveRow[];
  questions: QuestionRow[];
  reliability: Reliability[];
  /** People per 10-point band of score, 0–9 … 90–100, before and after. */
  distribution: { before: number[]; after: number[] };
  /** The main figures by sex: L, P, not recorded, everyone (in SEX_GROUPS order). */
  bySex: SexRow[];
  /** Pre → post → retention over the pairs with a retention test; null when none has one. */
  retention: RetentionFigures | null;
};

/** How many distinct people a list of pairs holds (a pair is one person's tests in one module). */
export const countPeople = (pairs: readonly { personId: string }[]): number =>
  new Set(pairs.map((pair) => pair.personId)).size;

const band = (value: number | null): Band | null => (value === null ? null : gainBand(value));
const round = (value: number) => Math.round(value * 1e9) / 1e9;
function distribution(scores: readonly number[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const score of scores) {
    const bin = Math.min(9, Math.max(0, Math.floor(score / 10)));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return bins;
}

/** Mean pre, mean post, mean gain and the shares at mastery over some pairs (none: nulls). */
export function mainFigures(pairs: readonly Pick<Pair, 'personId' | 'pre' | 'post'>[], mastery: number): MainFigures {
  const pre = pairs.map((pair) => pair.pre.score);
  const post = pairs.map((pair) => pair.post.score);
  const meanPre = mean(pre);
  const meanPost = mean(post);
  const reachedShare = (scores: number[]) =>
    scores.length ? scores.filter((score) => score >= mastery).length / scores.length : null;
  return {
    n: pairs.length,
    nPeople: countPeople(pairs),
    meanPre,
    meanPost,
    meanGain: meanPre === null || meanPost === null ? null : round(meanPost - meanPre),
    masteryBefore: reachedShare(pre),
    masteryAfter: reachedShare(post),
  };
}

/** The report's main figures by sex (see by-sex.ts). */
export const sexRows = (pairs: readonly Pair[], mastery: number): SexRow[] =>
  bySex(pairs, (group, some) => ({ group, ...mainFigures(some, mastery) }));

/**
 * The whole report for a set of pairs. `mastery` is the score (0–100) counted as mastering the module;
 * `objectives` names the objective of each question (see `loadObjectives`).
 */
export function buildReport(
  pairs: readonly Pair[],
  mastery = DEFAULT_MASTERY,
  objectives: ObjectiveMap = new Map(),
): GainReport {
  return runSteps(reportSteps(pairs, mastery, objectives));
}

/** The same report, for a request: a district's report takes a second of work, done in chunks between which
 * the server answers other requests (the tablets' saves). */
export async function buildReportYielding(
  pairs: readonly Pair[],
  mastery = DEFAULT_MASTERY,
  objectives: ObjectiveMap = new Map(),
  budget = CHUNK_MS,
): Promise<GainReport> {
  return runStepsYielding(reportSteps(pairs, mastery, objectives), budget);
}

function* reportSteps(pairs: readonly Pair[], mastery: number, objectives: ObjectiveMap): Generator<void, GainReport> {
  const pre = pairs.map((pair) => pair.pre.score);
  const post = pairs.map((pair) => pair.post.score);
  const people = pairs.map((pair): PersonRow => ({
    personId: pair.personId,
    name: pair.name,
    kubeName: pair.kubeName,
    moduleSlug: pair.moduleSlug,
    postDate: pair.postDate,
    pre: pair.pre.score,
    post: pair.post.score,
    gain: round(pair.post.score - pair.pre.score),
    g: normalizedGain(pair.pre.score, pair.post.score),
    retention: pair.retention?.score ?? null,
    retentionDate: pair.retention?.date ?? null,
    retained: pair.retention ? retainedShare(pair.pre.score, pair.post.score, pair.retention.score) : null,
    retentionDays: pair.retention ? daysBetween(pair.postDate, pair.retention.date) : null,
  }));
  yield;
  const gs = people.flatMap((person) => (person.g === null ? [] : [person.g]));
  const main = mainFigures(pairs, mastery);
  const { meanPre, meanPost, meanGain } = main;
  // Scores carry one decimal; on tenths as integers, equal gains compare equal exactly (33.4 − 0 and 66.7 − 33.3
  // differ in floating point) so ties are seen as ties. V and p do not change with the scale.
  const tenths = (scores: number[]) => scores.map((score) => Math.round(score * 10));
  yield;
  const wilcoxon = wilcoxonSignedRank(tenths(pre), tenths(post));
  yield;
  const g = classGain(pre, post);
  const meanG = mean(gs);
  const dz = cohensDz(pre, post);
  const tTest = pairedTTest(pre, post);
  yield;
  const items = yield* questionRows(pairs, objectives);
  const bySexRows = sexRows(pairs, mastery);
  yield;
  return {
    n: main.n,
    nPeople: main.nPeople,
    mastery,
    meanPre,
    meanPost,
    meanGain,
    classGain: g,
    classBand: band(g),
    meanG,
    meanGBand: band(meanG),
    nG: gs.length,
    masteryBefore: main.masteryBefore,
    masteryAfter: main.masteryAfter,
    dz,
    tTest,
    wilcoxon,
    verdict: verdictOf(pairs.length, wilcoxon, meanGain),
    people,
    ...items,
    distribution: { before: distribution(pre), after: distribution(post) },
    bySex: bySexRows,
    retention: retentionFigures(people),
  };
}
