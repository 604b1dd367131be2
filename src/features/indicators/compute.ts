import { bySex, type SexGroup } from '../analytics/by-sex.ts';
import type { Pair } from '../analytics/pairs.ts';
import { byCodeUnits } from '../../lib/order.ts';
import { normalizedGain, retainedShare } from '../../lib/stats/index.ts';
import { capacityChange, type Assessment, type CapacityChange, type RubricShape } from '../capacity/service.ts';

// The program's three success indicators (Indikator Keberhasilan), computed from records. Pure: the queries
// in indicators/data.ts gather the records; everything here is arithmetic and can be checked by hand.

export type IndicatorStatus = 'tercapai' | 'dalam_proses' | 'belum';

export const DEFAULT_TARGETS = {
  /** I1: share of KUBEs that have formed every division beyond the core (marketing and empowerment). */
  i1_both_divisions: 0.8,
  /** I2: officers' class gain ⟨g⟩. */
  i2_class_gain: 0.3,
  /** I2: share of officers at the mastery score after training. */
  i2_mastery: 0.7,
  /** I3: share of assessed KUBEs that improved on each program dimension since their baseline. */
  i3_improved: 0.7,
  /** The fourth figure (this platform's addition): share of KUBEs trained at least once in every quarter. */
  i4_regular_training: 0.8,
} as const;
export type Targets = Record<keyof typeof DEFAULT_TARGETS, number>;

/** Reached at or above the target; in progress when there is something; not yet when nothing. */
export function statusOf(value: number | null, target: number): IndicatorStatus {
  if (value === null) return 'belum';
  if (value >= target) return 'tercapai';
  return value > 0 ? 'dalam_proses' : 'belum';
}

// Indicator 1 -------------------------------------------------------------------------------------------------

export type PositionRecord = {
  kubeId: string;
  personId: string;
  jabatanCode: string;
  division: string;
  isCore: boolean;
  startDate: string;
  endDate: string | null;
};

/** Positions grouped by person, to look up what someone held on a day without scanning them all. */
export function positionsByPerson(positions: readonly PositionRecord[]): Map<string, PositionRecord[]> {
  const byPerson = new Map<string, PositionRecord[]>();
  for (const position of positions) groupInto(byPerson, position.personId, position);
  return byPerson;
}

/**
 * What each person held on a day, as the names of the positions joined by commas: the column both downloads of
 * indicator 2 write (csv.ts, xlsx.ts). A code without a name in `jabatan` is shown as the code.
 */
export function positionNamesOn(
  positions: readonly PositionRecord[],
  jabatan: readonly { code: string; name: string }[],
): (personId: string, day: string) => string {
  const names = new Map(jabatan.map((j) => [j.code, j.name]));
  const byPerson = positionsByPerson(positions);
  return (personId, day) =>
    (byPerson.get(personId) ?? [])
      .filter((pos) => heldOn(day, pos))
      .map((pos) => names.get(pos.jabatanCode) ?? pos.jabatanCode)
      .join(', ');
}

export type KubeStructure = {
  kubeId: string;
  /** Beyond-core divisions with at least one holder on the day. */
  divisions: string[];
  /** Every beyond-core division is formed. */
  allFormed: boolean;
  /** People holding a beyond-core position on the day. */
  beyondCoreOfficers: number;
  /** People holding a core position on the day. */
  coreOfficers: number;
};

/** Was the position held on the day (its first and last days included)? */
export const heldOn = (day: string, p: PositionRecord) =>
  p.startDate <= day && (p.endDate === null || p.endDate >= day);

/** Adds a value to the list under a key (in place: a big report groups tens of thousands of pairs). */
export function groupInto<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** Each KUBE's structure on a day, from its dated positions. `divisions` lists the beyond-core divisions. */
export function structuresOn(
  positions: readonly PositionRecord[],
  kubeIds: readonly string[],
  divisions: readonly string[],
  day: string,
): KubeStructure[] {
  // One pass over the positions per day, not one per KUBE: a district has thousands of both.
  const heldByKube = new Map<string, PositionRecord[]>();
  for (const position of positions) if (heldOn(day, position)) groupInto(heldByKube, position.kubeId, position);
  return kubeIds.map((kubeId) => {
    const held = heldByKube.get(kubeId) ?? [];
    const formed = divisions.filter((division) => held.some((p) => !p.isCore && p.division === division));
    return {
      kubeId,
      divisions: formed,
      allFormed: divisions.length > 0 && formed.length === divisions.length,
      beyondCoreOfficers: new Set(held.filter((p) => !p.isCore).map((p) => p.personId)).size,
      coreOfficers: new Set(held.filter((p) => p.isCore).map((p) => p.personId)).size,
    };
  });
}

export type Indicator1 = {
  day: string;
  kubes: number;
  /** KUBEs that formed each beyond-core division. */
  formed: Record<string, number>;
  /** KUBEs that formed all of them. */
  allFormed: number;
  /** allFormed / kubes; null without KUBEs. */
  value: number | null;
  beyondCoreOfficers: number;
  structures: KubeStructure[];
};

export function indicator1(
  positions: readonly PositionRecord[],
  kubeIds: readonly string[],
  divisions: readonly string[],
  day: string,
): Indicator1 {
  const structures = structuresOn(positions, kubeIds, divisions, day);
  const allFormed = structures.filter((s) => s.allFormed).length;
  return {
    day,
    kubes: kubeIds.length,
    formed: Object.fromEntries(
      divisions.map((division) => [division, structures.filter((s) => s.divisions.includes(division)).length]),
    ),
    allFormed,
    value: kubeIds.length ? allFormed / kubeIds.length : null,
    beyondCoreOfficers: structures.reduce((sum, s) => sum + s.beyondCoreOfficers, 0),
    structures,
  };
}

// Indicator 2 -------------------------------------------------------------------------------------------------

export type GainGroup = {
  key: string;
  /** Pairs of tests (person × module): the figures are computed over these. */
  n: number;
  /** Distinct people among the pairs. */
  people: number;
  classGain: number | null;
  meanG: number | null;
  /** Share of people with g ≥ 0.3 among those whose g is defined. */
  shareG03: number | null;
  /** Share at the mastery score after. */
  masteryAfter: number | null;
  /** Pairs that also have a retention test, and the group's retained share of the gain over them. */
  retentionN: number;
  retained: number | null;
};

/**
 * The figures of one group of pairs, in one pass over them (a district's dashboard makes some 25 groups of up to
 * 40,000 pairs): ⟨g⟩ as `classGain` gives it from the means, the mean of the individual gains that are defined.
 */
function gainGroup(key: string, pairs: readonly Pair[], mastery: number): GainGroup {
  const sums = scoreSums(mastery);
  let gSum = 0;
  let gCount = 0;
  let gAt03 = 0;
  const kept = { n: 0, pre: 0, post: 0, retention: 0 };
  const people = new Set<string>();
  for (const pair of pairs) {
    sums.add(pair);
    if (pair.retention) {
      kept.n += 1;
      kept.pre += pair.pre.score;
      kept.post += pair.post.score;
      kept.retention += pair.retention.score;
    }
    const { personId, pre, post } = pair;
    const g = normalizedGain(pre.score, post.score);
    if (g !== null) {
      gSum += g;
      gCount += 1;
      if (g >= 0.3) gAt03 += 1;
    }
    people.add(personId);
  }
  return {
    key,
    n: sums.n(),
    people: people.size,
    classGain: sums.classGain(),
    meanG: gCount ? gSum / gCount : null,
    shareG03: gCount ? gAt03 / gCount : null,
    masteryAfter: sums.masteryAfter(),
    retentionN: kept.n,
    retained: kept.n ? retainedShare(kept.pre / kept.n, kept.post / kept.n, kept.retention / kept.n) : null,
  };
}

/**
 * Running sums of pairs' scores: ⟨g⟩ from the means as `classGain` gives it (none without pairs or with a score
 * not finite), and the share at the mastery score after.
 */
function scoreSums(mastery: number) {
  let n = 0;
  let preSum = 0;
  let postSum = 0;
  let atMastery = 0;
  let finite = true;
  return {
    add({ pre, post }: Pair): void {
      n += 1;
      preSum += pre.score;
      postSum += post.score;
      if (post.score >= mastery) atMastery += 1;
      finite &&= Number.isFinite(pre.score) && Number.isFinite(post.score);
    },
    n: () => n,
    classGain: () => (n > 0 && finite ? normalizedGain(preSum / n, postSum / n) : null),
    masteryAfter: () => (n > 0 ? atMastery / n : null),
  };
}

export type Indicator2 = {
  all: GainGroup;
  /** By recorded sex: keys L, P, unknown, all (the three add up to all). */
  bySex: (GainGroup & { key: SexGroup })[];
  /** By the position held on the day of the post-test (a person with two positions counts in both). */
  byPosition: GainGroup[];
  byModule: GainGroup[];
};

/** Officers' gains: `pairs` are officers' pre/post pairs; `positions` tells what each held on the post-test day. */
export function indicator2(pairs: readonly Pair[], positions: readonly PositionRecord[], mastery: number): Indicator2 {
  const byPerson = positionsByPerson(positions);
  const byPosition = new Map<string, Pair[]>();
  for (const pair of pairs) {
    const held = new Set(
      (byPerson.get(pair.personId) ?? []).filter((p) => heldOn(pair.postDate, p)).map((p) => p.jabatanCode),
    );
    for (const code of held) groupInto(byPosition, code, pair);
  }
  const byModule = new Map<string, Pair[]>();
  for (const pair of pairs) groupInto(byModule, pair.moduleSlug, pair);
  return {
    all: gainGroup('all', pairs, mastery),
    bySex: bySex(pairs, (group, some) => ({ ...gainGroup(group, some, mastery), key: group })),
    byPosition: [...byPosition].map(([code, group]) => gainGroup(code, group, mastery)),
    byModule: [...byModule]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([slug, group]) => gainGroup(slug, group, mastery)),
  };
}

/**
 * Indicator 2's status for a group of officers' pairs: reached when both the class gain and the share at mastery
 * reach their targets; in progress with any pair; not yet without pairs. The dashboard's and each row by sex.
 */
export function indicator2Status(
  group: Pick<GainGroup, 'n' | 'classGain' | 'masteryAfter'>,
  targets: Pick<Targets, 'i2_class_gain' | 'i2_mastery'>,
): IndicatorStatus {
  if (
    statusOf(group.classGain, targets.i2_class_gain) === 'tercapai' &&
    statusOf(group.masteryAfter, targets.i2_mastery) === 'tercapai'
  )
    return 'tercapai';
  return group.n > 0 ? 'dalam_proses' : 'belum';
}

// Indicator 3 -------------------------------------------------------------------------------------------------

export type DimensionTally = {
  dimension: string;
  kind: 'program' | 'regulasi';
  /** KUBEs with a baseline and a follow-up. */
  compared: number;
  improved: number;
  share: number | null;
};

export type Indicator3 = {
  /** KUBEs with at least a baseline. */
  assessed: number;
  /** KUBEs with a baseline and a follow-up. */
  compared: number;
  dimensions: DimensionTally[];
  /** The lowest share over the program dimensions: the indicator is reached when every one is. */
  value: number | null;
  perKube: { kubeId: string; change: ReturnType<typeof capacityChange> }[];
};

export function indicator3(
  assessmentsByKube: ReadonlyMap<string, readonly Assessment[]>,
  kubeIds: readonly string[],
  rubric: RubricShape,
  until?: string,
): Indicator3 {
  const perKube = kubeIds.map((kubeId) => ({
    kubeId,
    change: capacityChange(assessmentsByKube.get(kubeId) ?? [], rubric, until),
  }));
  return tallied(perKube, rubric);
}

/**
 * Indicator 3's value at each day (oldest first). A KUBE's change depends only on how many of its assessments
 * (oldest first) came by the day, so it is worked out once per count, not once per day: a district's 1,000 KUBEs
 * over 24 month ends were 24,000 comparisons for 3,000 distinct ones.
 */
export function indicator3Series(
  assessmentsByKube: ReadonlyMap<string, readonly Assessment[]>,
  kubeIds: readonly string[],
  rubric: RubricShape,
  days: readonly string[],
): { day: string; value: number | null }[] {
  const known = new Map<string, Map<number, CapacityChange>>();
  const changeOn = (kubeId: string, day: string): CapacityChange => {
    const assessments = assessmentsByKube.get(kubeId) ?? [];
    const count = assessments.filter((a) => a.assessedOn <= day).length;
    let byCount = known.get(kubeId);
    if (!byCount) known.set(kubeId, (byCount = new Map<number, CapacityChange>()));
    let change = byCount.get(count);
    if (!change) byCount.set(count, (change = capacityChange(assessments, rubric, day)));
    return change;
  };
  return days.map((day) => ({
    day,
    value: tallied(
      kubeIds.map((kubeId) => ({ kubeId, change: changeOn(kubeId, day) })),
      rubric,
    ).value,
  }));
}

/** The KUBEs' changes counted per dimension, and the indicator's value from them. */
function tallied(perKube: { kubeId: string; change: CapacityChange }[], rubric: RubricShape): Indicator3 {
  const dimensions = rubric.dimensions.map(({ id, kind }): DimensionTally => {
    const compared = perKube.filter((k) => k.change.dimensions.find((d) => d.dimension === id)?.improved !== null);
    const improved = compared.filter((k) => k.change.dimensions.find((d) => d.dimension === id)?.improved === true);
    return {
      dimension: id,
      kind,
      compared: compared.length,
      improved: improved.length,
      share: compared.length ? improved.length / compared.length : null,
    };
  });
  const program = dimensions.filter((d) => d.kind === 'program');
  const shares = program.map((d) => d.share);
  return {
    assessed: perKube.filter((k) => k.change.baseline !== null).length,
    compared: perKube.filter((k) => k.change.latest !== null).length,
    dimensions,
    value: shares.length && shares.every((s) => s !== null) ? Math.min(...shares) : null,
    perKube,
  };
}

/**
 * Indicator 2 as it stood at each day (oldest first): the officers' pairs whose post-test came by then. One pass
 * over the pairs in the order of their post-test, the sums carried from one day to the next (a group of its own
 * per day went over a district's 40,000 pairs 24 times).
 */
export function indicator2Series(pairs: readonly Pair[], days: readonly string[], mastery: number) {
  const byPostDate = [...pairs].sort((a, b) => byCodeUnits(a.postDate, b.postDate));
  const sums = scoreSums(mastery);
  let next = 0;
  return days.map((day) => {
    for (; next < byPostDate.length && (byPostDate[next]?.postDate ?? '') <= day; next++) {
      sums.add(byPostDate[next] as Pair);
    }
    return { day, n: sums.n(), classGain: sums.classGain(), masteryAfter: sums.masteryAfter() };
  });
}
