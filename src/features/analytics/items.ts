import { itemAnalysis, kr20 } from '../../lib/stats/index.ts';
import type { ObjectiveMap, Pair, Side } from './pairs.ts';

// The report's item statistics: shares right per question and objective, before and after, with each
// question's discrimination and each form's reliability. A generator: it yields between chunks of the work so
// that a caller can let other requests run (see buildReportYielding in compute.ts).

/** Below this discrimination an item fails to tell who learned from who did not. */
export const WEAK_DISCRIMINATION = 0.2;

/** Item statistics need this many people taking the same form before an item is flagged. */
export const MIN_FOR_ITEM_FLAGS = 10;

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

const share = (correct: number, total: number): Share => ({ correct, total, share: total ? correct / total : null });
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

/** Pairs read between two yields: about a millisecond of work. */
const STEP = 1000;

type FormGroup = { moduleSlug: string; questionIds: readonly string[]; rows: (0 | 1)[][] };

/** Groups the sides by the set of questions they showed (a parallel form is its own set): one 0/1 matrix each. */
function* groupByForm(pairs: readonly Pair[], kind: 'pre' | 'post'): Generator<void, FormGroup[]> {
  const groups = new Map<readonly string[], FormGroup>();
  let read = 0;
  for (const { moduleSlug, pre, post } of pairs) {
    if (++read % STEP === 0) yield;
    const { questionIds, bits }: Side = kind === 'pre' ? pre : post;
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

export type ItemRows = { questions: QuestionRow[]; reliability: Reliability[]; objectives: ObjectiveRow[] };

/** The item statistics of the pairs; yields (nothing) between chunks. */
export function* questionRows(pairs: readonly Pair[], objectives: ObjectiveMap): Generator<void, ItemRows> {
  // Every answer is read once, into the 0/1 matrix of its form; the shares right per question are column sums.
  const tallies = { pre: new Map() as Tallies, post: new Map() as Tallies };
  const itemStats = new Map<string, { discrimination: number | null; pointBiserial: number | null; people: number }>();
  const reliability: Reliability[] = [];
  for (const kind of ['pre', 'post'] as const) {
    for (const group of yield* groupByForm(pairs, kind)) {
      yield;
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
      yield;
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
