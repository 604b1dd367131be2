import { classGain, mean, normalizedGain } from '../../lib/stats/index.ts';

// Practical tasks in the gain report and indicator 2: the facilitator's pre and post scores (0–100, the share
// of the checklist done) of each person and task, summed up with the same statistics as the knowledge test's
// (lib/stats: ⟨g⟩ of the class from the means, g per person). Pure arithmetic; report-query.ts reads the pairs.

/** One person's pre and post score on one task. */
export type PracticePair = {
  personId: string;
  name: string;
  kubeId: string;
  kubeName: string;
  taskSlug: string;
  /** Day of the post scoring, YYYY-MM-DD. */
  postDate: string;
  pre: number;
  post: number;
};

export type SkillGroup = {
  /** A task's slug, or 'all'. */
  key: string;
  /** Pairs (person × task) the figures are computed over. */
  n: number;
  /** Distinct people among the pairs. */
  people: number;
  meanPre: number | null;
  meanPost: number | null;
  /** Mean post − mean pre, in points. */
  meanGain: number | null;
  /** Hake's ⟨g⟩ of the class, from the means (as the knowledge report's `classGain`). */
  classGain: number | null;
};

export type SkillPerson = PracticePair & { gain: number; g: number | null };

export type SkillReport = {
  all: SkillGroup;
  /** One group per task asked for, in the order given, with or without pairs. */
  tasks: (SkillGroup & { title: string })[];
  people: SkillPerson[];
};

/** A task as the report names it. */
export type TaskName = { slug: string; title: string };

// As the knowledge report rounds gains: 66.7 − 33.3 reads 33.4, not 33.400000000000006.
const round = (value: number) => Math.round(value * 1e9) / 1e9;

export function skillGroup(key: string, pairs: readonly PracticePair[]): SkillGroup {
  const pre = pairs.map((p) => p.pre);
  const post = pairs.map((p) => p.post);
  const meanPre = mean(pre);
  const meanPost = mean(post);
  return {
    key,
    n: pairs.length,
    people: new Set(pairs.map((p) => p.personId)).size,
    meanPre,
    meanPost,
    meanGain: meanPre === null || meanPost === null ? null : round(meanPost - meanPre),
    classGain: classGain(pre, post),
  };
}

/** One person's pair with its gain in points (rounded as the knowledge report rounds) and g. */
export function skillPerson(pair: PracticePair): SkillPerson {
  return { ...pair, gain: round(pair.post - pair.pre), g: normalizedGain(pair.pre, pair.post) };
}

/** The skills part of a report: the whole, each task (of `tasks`, in their order) and each person's pair. */
export function skillReport(pairs: readonly PracticePair[], tasks: readonly TaskName[]): SkillReport {
  const wanted = new Set(tasks.map((task) => task.slug));
  const counted = pairs.filter((p) => wanted.has(p.taskSlug));
  return {
    all: skillGroup('all', counted),
    tasks: tasks.map((task) => ({
      ...skillGroup(
        task.slug,
        counted.filter((p) => p.taskSlug === task.slug),
      ),
      title: task.title,
    })),
    people: counted.map(skillPerson),
  };
}

/** Pairs of any tasks (indicator 2: every officer's), as a whole and per task by slug. */
export function skillsByTask(pairs: readonly PracticePair[]) {
  const byTask = new Map<string, PracticePair[]>();
  for (const pair of pairs) {
    const list = byTask.get(pair.taskSlug);
    if (list) list.push(pair);
    else byTask.set(pair.taskSlug, [pair]);
  }
  return {
    all: skillGroup('all', pairs),
    byTask: [...byTask].sort(([a], [b]) => a.localeCompare(b)).map(([slug, group]) => skillGroup(slug, group)),
    pairs,
  };
}
