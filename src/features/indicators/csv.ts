import type { Executor } from '../../../db/client.ts';
import type { Translate } from '../../i18n/index.ts';
import { normalizedGain, retainedShare } from '../../lib/stats/index.ts';
import { csvDocument, csvFile, csvNumber, csvText } from '../analytics/csv.ts';
import { skillPeopleRows } from '../analytics/report-csv.ts';
import { taskTitles } from '../analytics/skills.ts';
import { skillPerson } from '../practice/report.ts';
import { divisionLabel } from '../kube/labels.ts';
import { listJabatan } from '../kube/queries.ts';
import { listModules } from '../learning/curriculum.ts';
import { i2SexHeader, i2SexLines } from './by-sex-rows.ts';
import { positionNamesOn } from './compute.ts';
import { sexFilterLabel } from '../analytics/sex-table.ts';
import type { loadIndicators } from './data.ts';
import type { RubricEntry } from '../capacity/rubric.ts';
import { quarterLabel } from './quarter-label.ts';

// The data behind each indicator as CSV, in the format of the gain report's (features/analytics/csv.ts):
// part 1 the KUBEs' structure on the period's last day, part 2 the officers' pre/post pairs, part 3 each
// KUBE's capacity per dimension against its baseline, part 4 each KUBE's trainings per quarter.

export const CSV_PARTS = ['1', '2', '3', '4'] as const;
export type CsvPart = (typeof CSV_PARTS)[number];

export type IndicatorData = Awaited<ReturnType<typeof loadIndicators>>;

export const isCsvPart = (value: string | null): value is CsvPart =>
  (CSV_PARTS as readonly string[]).includes(value ?? '');

function structureCsv(data: IndicatorData, t: Translate): string {
  const kube = new Map(data.kubes.map((k) => [k.id, k]));
  const [yes, no] = [t('indicators.detail.yes'), t('indicators.detail.no')];
  return csvFile(
    [
      t('indicators.csv.date'),
      t('indicators.detail.kube'),
      t('indicators.detail.desa'),
      t('indicators.csv.kecamatan'),
      t('indicators.csv.kabupaten'),
      t('indicators.detail.core'),
      ...data.divisions.map((d) => divisionLabel(t, d)),
      t('indicators.detail.beyond'),
    ],
    data.i1.structures.map((s) => {
      const k = kube.get(s.kubeId);
      return [
        data.i1.day,
        csvText(k?.name ?? ''),
        csvText(k?.desa ?? ''),
        csvText(k?.kecamatan ?? ''),
        csvText(k?.kabupaten ?? ''),
        String(s.coreOfficers),
        ...data.divisions.map((d) => (s.divisions.includes(d) ? yes : no)),
        String(s.beyondCoreOfficers),
      ];
    }),
  );
}

async function knowledgeCsv(db: Executor, data: IndicatorData, t: Translate): Promise<string> {
  const [jabatanRows, moduleList, tasks] = await Promise.all([listJabatan(db), listModules(), taskTitles()]);
  const modules = new Map(moduleList.map((m) => [m.id, m.data.title]));
  const heldBy = positionNamesOn(data.positions, jabatanRows);
  const header = [
    t('report.col.name'),
    t('report.col.kube'),
    t('report.col.module'),
    t('report.col.postDate'),
    t('report.col.pre'),
    t('report.col.post'),
    t('report.col.gain'),
    t('report.col.g'),
    t('indicators.csv.positions'),
  ];
  // Where officers took retention tests, their day, score and share of the gain kept follow.
  const kept = data.pairs.some((p) => p.retention);
  if (kept) {
    header.push(
      t('report.retention.col.date'),
      t('report.retention.col.retention'),
      `${t('report.retention.col.kept')} (%)`,
    );
  }
  const retentionCells = (p: IndicatorData['pairs'][number]) => {
    if (!kept) return [];
    const share = p.retention ? retainedShare(p.pre.score, p.post.score, p.retention.score) : null;
    return [
      p.retention?.date ?? '',
      csvNumber(p.retention?.score ?? null),
      csvNumber(share === null ? null : share * 100),
    ];
  };
  const rows = data.pairs.map((p) => [
    csvText(p.name),
    csvText(p.kubeName),
    csvText(modules.get(p.moduleSlug) ?? p.moduleSlug),
    p.postDate,
    csvNumber(p.pre.score),
    csvNumber(p.post.score),
    csvNumber(p.post.score - p.pre.score),
    csvNumber(normalizedGain(p.pre.score, p.post.score), 3),
    csvText(heldBy(p.personId, p.postDate)),
    ...retentionCells(p),
  ]);
  return csvDocument([
    header.map(csvText),
    ...rows,
    ...sexRows(data, t),
    ...skillsRows(data.i2Skills, t, tasks, heldBy),
  ]);
}

/** Indicator 2 by sex under the test pairs, after an empty row: the filter in force, then one row per group. */
function sexRows(data: IndicatorData, t: Translate): string[][] {
  return [
    [],
    [csvText(t('indicators.detail.i2.bySex'))],
    [csvText(t('report.filter.sex')), csvText(sexFilterLabel(t, data.sex))],
    [t('report.bySex.col.group'), ...i2SexHeader(t).map((h, i) => (i === 3 ? `${h} (%)` : h))].map(csvText),
    ...i2SexLines(data.i2.bySex, data.targets, t).map((line) =>
      line.pairs === 0
        ? [csvText(line.label), '0', '0', csvText(t('report.bySex.none'))]
        : [
            csvText(line.label),
            String(line.people),
            String(line.pairs),
            csvNumber(line.classGain, 3),
            csvNumber(line.masteryAfter === null ? null : line.masteryAfter * 100),
            csvText(t(`indicators.status.${line.status}`)),
          ],
    ),
  ];
}

/**
 * Indicator 2's skill part under the test pairs, after an empty row: its own heading, then one row per officer
 * and task. A block of its own, not more columns: an officer may be scored on a task without a test pair.
 */
function skillsRows(
  skills: IndicatorData['i2Skills'],
  t: Translate,
  tasks: Map<string, string>,
  heldBy: (personId: string, day: string) => string,
): string[][] {
  const { all } = skills;
  const pair = (label: string, value: string) => [csvText(label), value];
  return [
    [],
    [csvText(t('indicators.i2.skills'))],
    pair(t('indicators.detail.n'), String(all.people)),
    pair(t('indicators.i2.skills.meanPre'), csvNumber(all.meanPre)),
    pair(t('indicators.i2.skills.meanPost'), csvNumber(all.meanPost)),
    pair(t('indicators.i2.skills.classGain'), csvNumber(all.classGain, 3)),
    [],
    ...skillPeopleRows(skills.pairs.map(skillPerson), t, tasks, {
      header: t('indicators.csv.positions'),
      cell: (p) => heldBy(p.personId, p.postDate),
    }),
  ];
}

function capacityCsv(data: IndicatorData, rubric: RubricEntry, t: Translate): string {
  const kube = new Map(data.kubes.map((k) => [k.id, k]));
  const titles = new Map(rubric.data.dimensions.map((d) => [d.id, d.title]));
  return csvFile(
    [
      t('indicators.detail.kube'),
      t('indicators.csv.dimension'),
      t('indicators.csv.baselineDate'),
      t('indicators.csv.baselineScore'),
      t('indicators.csv.latestDate'),
      t('indicators.csv.latestScore'),
      t('indicators.csv.change'),
      t('indicators.csv.improved'),
    ],
    data.i3.perKube.flatMap(({ kubeId, change }) =>
      change.baseline === null
        ? []
        : change.dimensions.map((d) => [
            csvText(kube.get(kubeId)?.name ?? ''),
            csvText(titles.get(d.dimension) ?? d.dimension),
            change.baseline?.assessedOn ?? '',
            csvNumber(d.baseline, 2),
            change.latest?.assessedOn ?? '',
            csvNumber(d.latest, 2),
            csvNumber(d.change, 2),
            d.improved === null ? '' : d.improved ? t('indicators.csv.yes') : t('indicators.csv.no'),
          ]),
    ),
  );
}

/** The fourth figure's data: each KUBE's learning workshops held per counted quarter, and its last training. */
export function trainingTable(data: IndicatorData, t: Translate) {
  const kube = new Map(data.kubes.map((k) => [k.id, k]));
  const { quarters, perKube } = data.i4;
  return {
    header: [
      t('indicators.detail.kube'),
      t('indicators.detail.desa'),
      t('indicators.csv.kecamatan'),
      t('indicators.csv.kabupaten'),
      ...quarters.map((q) => quarterLabel(t, q)),
      t('indicators.detail.i4.every'),
      t('indicators.detail.i4.last'),
    ],
    rows: perKube.map((row) => {
      const k = kube.get(row.kubeId);
      return {
        texts: [k?.name ?? '', k?.desa ?? '', k?.kecamatan ?? '', k?.kabupaten ?? ''],
        counts: row.byQuarter,
        every: row.every ? t('indicators.csv.yes') : t('indicators.csv.no'),
        last: row.last ?? '',
      };
    }),
  };
}

function trainingCsv(data: IndicatorData, t: Translate): string {
  const table = trainingTable(data, t);
  return csvFile(
    table.header,
    table.rows.map((row) => [...row.texts.map(csvText), ...row.counts.map(String), csvText(row.every), row.last]),
  );
}

/** One part of the indicator data as a CSV file's text. */
export async function indicatorCsv(
  db: Executor,
  part: CsvPart,
  data: IndicatorData,
  rubric: RubricEntry,
  t: Translate,
): Promise<string> {
  if (part === '1') return structureCsv(data, t);
  if (part === '2') return knowledgeCsv(db, data, t);
  if (part === '4') return trainingCsv(data, t);
  return capacityCsv(data, rubric, t);
}
