import {
  classGain,
  cohensDz,
  gainBand,
  itemAnalysis,
  kr20,
  mean,
  normalizedGain,
  pairedTTest,
  wilcoxonSignedRank,
} from '../../lib/stats/index.ts';
import type { ObjectiveMap, Pair, Side } from './pairs.ts';

// A gain report from pre/post pairs: pure arithmetic over the pairs, no I/O (DESIGN.md §4).

export const DEFAULT_MASTERY = 70;

/** Below this many pairs no test can say anything (Wilcoxon's smallest two-sided p with 5 pairs is 0.0625). */
export const FEW_PAIRS = 6;

/** Below this discrimination an item fails to tell who learned from who did not. */
export const WEAK_DISCRIMINATION = 0.2;

/** Item statistics need this many people taking the same form before an item is flagged. */
export const MIN_FOR_ITEM_FLAGS = 10;

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
};

export type Share = { correct: number; total: number; share: number | null };

export type ObjectiveRow = { moduleSlug: string; objective: string; before: Share; after: Share };

export type QuestionRow = {
  moduleSlug: string;
  questionId: string;
  before: Share;
  after: Share;
  /** Upper minus lower 27 % on the post-test, among people who took the same form; null when too few. */
  discrimination: number | null;
  /** Corrected point-biserial on the post-test; null when too few or undefined. */
  pointBiserial: number | null;
  /** Fails to tell who learned from who did not (discrimination below 0.2 with enough people). */
  weak: boolean;
  /** Fewer answered it right after than before. */
  worse: boolean;
};

export type Reliability = {
  moduleSlug: string;
  kind: 'pre' | 'post';
  items: number;
  people: number;
  kr20: number | null;
};

export type Verdict = 'none' | 'too_few' | 'gain' | 'loss' | 'unclear';

export type GainReport = {
  n: number;
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
};

const share = (correct: number, total: number): Share => ({ correct, total, share: total ? correct / total : null });
const band = (value: number | null): Band | null => (value === null ? null : gainBand(value));
const round = (value: number) => Math.round(value * 1e9) / 1e9;
const nullIfNaN = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? null : value);

type Tally = { correct: number; total: number };
/** Tallies by module, then by objective or question id (nested maps: no key strings built per answer). */
type Tallies = Map<string, Map<string, Tally>>;

function add(tallies: Tallies, moduleSlug: string, key: string, correct: number, total: number): void {
  let inner = tallies.get(moduleSlug);
  if (!inner) {
    inner = new Map();
    tallies.set(moduleSlug, inner);
  }
  const entry = inner.get(key);
  if (entry) {
    entry.correct += correct;
    entry.total += total;
  } else {
    inner.set(key, { correct, total });
  }
}

/** Before and after side by side, by module and key, sorted. */
function sideBySide(before: Tallies, after: Tallies) {
  const none: Tally = { correct: 0, total: 0 };
  const modules = [...new Set([...before.keys(), ...after.keys()])].sort();
  return modules.flatMap((moduleSlug) => {
    const b = before.get(moduleSlug) ?? new Map<string, Tally>();
    const a = after.get(moduleSlug) ?? new Map<string, Tally>();
    return [...new Set([...b.keys(), ...a.keys()])].sort().map((key) => {
      const x = b.get(key) ?? none;
      const y = a.get(key) ?? none;
      return { moduleSlug, key, before: share(x.correct, x.total), after: share(y.correct, y.total) };
    });
  });
}

/** Per objective: the sums of its questions' tallies (questions of no known objective are left out). */
function objectiveRows(before: Tallies, after: Tallies, objectives: ObjectiveMap): ObjectiveRow[] {
  const byObjective = (tallies: Tallies) => {
    const out: Tallies = new Map();
    for (const [moduleSlug, questions] of tallies) {
      const objectiveOf = objectives.get(moduleSlug);
      for (const [questionId, tally] of questions) {
        const objective = objectiveOf?.get(questionId);
        if (objective) add(out, moduleSlug, objective, tally.correct, tally.total);
      }
    }
    return out;
  };
  return sideBySide(byObjective(before), byObjective(after)).map(({ key, ...row }) => ({ ...row, objective: key }));
}

type FormGroup = { moduleSlug: string; questionIds: readonly string[]; rows: (0 | 1)[][] };

/** Groups the sides by the set of questions they showed (a parallel form is its own set): one 0/1 matrix each. */
function groupByForm(sides: readonly { moduleSlug: string; side: Side }[]): FormGroup[] {
  const groups = new Map<readonly string[], FormGroup>();
  for (const { moduleSlug, side } of sides) {
    const { questionIds, bits } = side;
    if (questionIds.length === 0) continue;
    let group = groups.get(questionIds);
    if (!group) {
      group = { moduleSlug, questionIds, rows: [] };
      groups.set(questionIds, group);
    }
    const row = new Array<0 | 1>(bits.length);
    for (let i = 0; i < bits.length; i += 1) row[i] = bits.charCodeAt(i) === 49 ? 1 : 0; // '1'
    group.rows.push(row);
  }
  return [...groups.values()];
}

function questionRows(
  pairs: readonly Pair[],
  objectives: ObjectiveMap,
): { questions: QuestionRow[]; reliability: Reliability[]; objectives: ObjectiveRow[] } {
  // Every answer is read once, into the 0/1 matrix of its form; the shares right per question are column sums.
  const tallies = { pre: new Map() as Tallies, post: new Map() as Tallies };
  const itemStats = new Map<string, { discrimination: number | null; pointBiserial: number | null; people: number }>();
  const reliability: Reliability[] = [];
  for (const kind of ['pre', 'post'] as const) {
    const sides = pairs.map((pair) => ({ moduleSlug: pair.moduleSlug, side: kind === 'pre' ? pair.pre : pair.post }));
    for (const group of groupByForm(sides)) {
      group.questionIds.forEach((questionId, index) => {
        let right = 0;
        for (const row of group.rows) right += row[index] ?? 0;
        add(tallies[kind], group.moduleSlug, questionId, right, group.rows.length);
      });
      reliability.push({
        moduleSlug: group.moduleSlug,
        kind,
        items: group.questionIds.length,
        people: group.rows.length,
        kr20: kr20(group.rows),
      });
      if (kind !== 'post') continue;
      const analysis = itemAnalysis(group.rows);
      group.questionIds.forEach((questionId, index) => {
        itemStats.set(`${group.moduleSlug}\u0000${questionId}`, {
          discrimination: nullIfNaN(analysis.discrimination[index]),
          pointBiserial: nullIfNaN(analysis.pointBiserial[index]),
          people: group.rows.length,
        });
      });
    }
  }
  const before = tallies.pre;
  const after = tallies.post;

  const questions = sideBySide(before, after).map(
    ({ moduleSlug, key: questionId, before: beforeShare, after: afterShare }): QuestionRow => {
      const stats = itemStats.get(`${moduleSlug}\u0000${questionId}`);
      const enough = (stats?.people ?? 0) >= MIN_FOR_ITEM_FLAGS;
      return {
        moduleSlug,
        questionId,
        before: beforeShare,
        after: afterShare,
        discrimination: stats?.discrimination ?? null,
        pointBiserial: stats?.pointBiserial ?? null,
        weak: enough && stats?.discrimination !== null && (stats?.discrimination ?? 0) < WEAK_DISCRIMINATION,
        worse: beforeShare.share !== null && afterShare.share !== null && afterShare.share < beforeShare.share,
      };
    },
  );
  return { questions, reliability, objectives: objectiveRows(before, after, objectives) };
}

function distribution(scores: readonly number[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const score of scores) {
    const bin = Math.min(9, Math.max(0, Math.floor(score / 10)));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return bins;
}

function verdictOf(n: number, wilcoxon: GainReport['wilcoxon'], meanGain: number | null): Verdict {
  if (n === 0) return 'none';
  if (n < FEW_PAIRS) return 'too_few';
  if (!wilcoxon || wilcoxon.p >= 0.05 || meanGain === null || meanGain === 0) return 'unclear';
  return meanGain > 0 ? 'gain' : 'loss';
}

/**
 * The whole report for a set of pairs. `mastery` is the score (0–100) counted as mastering the module;
 * `objectives` names the objective of each question (see `loadObjectives`).
 */
export function buildReport(
  pairs: readonly Pair[],
  mastery = DEFAULT_MASTERY,
  objectives: ObjectiveMap = new Map(),
): GainReport {
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
  }));
  const gs = people.flatMap((person) => (person.g === null ? [] : [person.g]));
  const meanPre = mean(pre);
  const meanPost = mean(post);
  const meanGain = meanPre === null || meanPost === null ? null : round(meanPost - meanPre);
  // Scores carry one decimal; on tenths as integers, equal gains compare equal exactly (33.4 − 0 and 66.7 − 33.3
  // differ in floating point) so ties are seen as ties. V and p do not change with the scale.
  const tenths = (scores: number[]) => scores.map((score) => Math.round(score * 10));
  const wilcoxon = wilcoxonSignedRank(tenths(pre), tenths(post));
  const g = classGain(pre, post);
  const meanG = mean(gs);
  const reachedShare = (scores: number[]) =>
    scores.length ? scores.filter((score) => score >= mastery).length / scores.length : null;
  return {
    n: pairs.length,
    mastery,
    meanPre,
    meanPost,
    meanGain,
    classGain: g,
    classBand: band(g),
    meanG,
    meanGBand: band(meanG),
    nG: gs.length,
    masteryBefore: reachedShare(pre),
    masteryAfter: reachedShare(post),
    dz: cohensDz(pre, post),
    tTest: pairedTTest(pre, post),
    wilcoxon,
    verdict: verdictOf(pairs.length, wilcoxon, meanGain),
    people,
    ...questionRows(pairs, objectives),
    distribution: { before: distribution(pre), after: distribution(post) },
  };
}
