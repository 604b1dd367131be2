import type { Executor } from '../../../db/client.ts';
import type { Translate } from '../../i18n/index.ts';
import { normalizedGain, retainedShare } from '../../lib/stats/index.ts';
import { peopleColumns, retentionColumns, skillPeopleSheet } from '../analytics/report-xlsx.ts';
import type { Sheet } from '../analytics/xlsx.ts';
import type { Rubric } from '../capacity/rubric-schema.ts';
import { divisionLabel } from '../kube/labels.ts';
import { listJabatan } from '../kube/queries.ts';
import { skillPerson } from '../practice/report.ts';
import { i2SexHeader, i2SexLines } from './by-sex-rows.ts';
import { positionNamesOn } from './compute.ts';
import { sexFilterLabel } from '../analytics/sex-table.ts';
import { trainingTable, type CsvPart, type IndicatorData } from './csv.ts';
import type { IndicatorContent } from './content.ts';
import type { IndicatorScope } from './data.ts';

// The data behind one indicator as workbook sheets, the same columns and words as its CSV (csv.ts): part 1
// one sheet, part 2 the test pairs, the practical tasks' summary and one row per officer and task, parts 3 and 4
// one each.

function structureSheet(data: IndicatorData, t: Translate): Omit<Sheet, 'title' | 'about'> {
  const kube = new Map(data.kubes.map((k) => [k.id, k]));
  const [yes, no] = [t('indicators.detail.yes'), t('indicators.detail.no')];
  return {
    name: t('indicators.xlsx.sheet.structure'),
    columns: [
      { header: t('indicators.csv.date'), kind: 'date' },
      { header: t('indicators.detail.kube'), kind: 'text' },
      { header: t('indicators.detail.desa'), kind: 'text' },
      { header: t('indicators.csv.kecamatan'), kind: 'text' },
      { header: t('indicators.csv.kabupaten'), kind: 'text' },
      { header: t('indicators.detail.core'), kind: 'number', digits: 0 },
      ...data.divisions.map((d) => ({ header: divisionLabel(t, d), kind: 'text' as const })),
      { header: t('indicators.detail.beyond'), kind: 'number', digits: 0 },
    ],
    rows: data.i1.structures.map((s) => {
      const k = kube.get(s.kubeId);
      return [
        ...[data.i1.day, k?.name ?? '', k?.desa ?? '', k?.kecamatan ?? '', k?.kabupaten ?? '', s.coreOfficers],
        ...data.divisions.map((d) => (s.divisions.includes(d) ? yes : no)),
        s.beyondCoreOfficers,
      ];
    }),
  };
}

function trainingSheet(data: IndicatorData, t: Translate): Omit<Sheet, 'title' | 'about'> {
  const table = trainingTable(data, t);
  const texts = 4;
  return {
    name: t('indicators.xlsx.sheet.training'),
    columns: table.header.map((header, i) =>
      i < texts || i === table.header.length - 2
        ? { header, kind: 'text' as const }
        : i === table.header.length - 1
          ? { header, kind: 'date' as const }
          : { header, kind: 'number' as const, digits: 0 },
    ),
    rows: table.rows.map((row) => [...row.texts, ...row.counts, row.every, row.last]),
  };
}

async function knowledgeSheets(
  db: Executor,
  data: IndicatorData,
  t: Translate,
  content: Titles,
): Promise<Omit<Sheet, 'title' | 'about'>[]> {
  const [jabatanRows, modules, tasks] = await Promise.all([
    listJabatan(db),
    content.moduleTitles(),
    content.taskTitles(),
  ]);
  const heldBy = positionNamesOn(data.positions, jabatanRows);
  const { all } = data.i2Skills;
  // Where officers took retention tests, their day, score and share of the gain kept follow.
  const kept = data.pairs.some((p) => p.retention);
  return [
    {
      name: t('indicators.xlsx.sheet.knowledge'),
      columns: [
        ...peopleColumns(t),
        { header: t('indicators.csv.positions'), kind: 'text' },
        ...(kept ? retentionColumns(t) : []),
      ],
      rows: data.pairs.map((p) => [
        ...[p.name, p.kubeName, modules.get(p.moduleSlug) ?? p.moduleSlug, p.postDate, p.pre.score, p.post.score],
        ...[p.post.score - p.pre.score, normalizedGain(p.pre.score, p.post.score), heldBy(p.personId, p.postDate)],
        ...(kept
          ? [
              p.retention?.date ?? null,
              p.retention?.score ?? null,
              p.retention ? retainedShare(p.pre.score, p.post.score, p.retention.score) : null,
            ]
          : []),
      ]),
    },
    sexSheet(data, t),
    {
      name: t('indicators.xlsx.sheet.skills'),
      columns: [
        { header: t('report.xlsx.col.figure'), kind: 'text' },
        { header: t('report.xlsx.col.value'), kind: 'number', digits: 1 },
      ],
      rows: [
        [t('indicators.detail.n'), { number: all.people, digits: 0 }],
        [t('indicators.i2.skills.meanPre'), all.meanPre],
        [t('indicators.i2.skills.meanPost'), all.meanPost],
        [t('indicators.i2.skills.classGain'), { number: all.classGain, digits: 3 }],
      ],
    },
    {
      name: t('indicators.xlsx.sheet.skillPeople'),
      ...skillPeopleSheet(data.i2Skills.pairs.map(skillPerson), t, tasks, {
        header: t('indicators.csv.positions'),
        cell: (p) => heldBy(p.personId, p.postDate),
      }),
    },
  ];
}

/** Indicator 2 by sex: a group without pairs has zeros, empty figures and its status (not yet). */
function sexSheet(data: IndicatorData, t: Translate): Omit<Sheet, 'title' | 'about'> {
  const [people, pairs, gain, mastery, status] = i2SexHeader(t);
  return {
    name: t('indicators.detail.i2.bySex'),
    columns: [
      { header: t('report.bySex.col.group'), kind: 'text' },
      { header: people ?? '', kind: 'number', digits: 0 },
      { header: pairs ?? '', kind: 'number', digits: 0 },
      { header: gain ?? '', kind: 'number', digits: 3 },
      { header: mastery ?? '', kind: 'number', digits: 1, percent: true },
      { header: status ?? '', kind: 'text' },
      { header: t('report.bySex.col.note'), kind: 'text' },
    ],
    rows: i2SexLines(data.i2.bySex, data.targets, t).map((line) => [
      ...[line.label, line.people, line.pairs, line.classGain, line.masteryAfter],
      ...[t(`indicators.status.${line.status}`), line.pairs === 0 ? t('report.bySex.none') : null],
    ]),
  };
}

function capacitySheet(data: IndicatorData, rubric: Rubric, t: Translate): Omit<Sheet, 'title' | 'about'> {
  const kube = new Map(data.kubes.map((k) => [k.id, k]));
  const titles = new Map(rubric.dimensions.map((d) => [d.id, d.title]));
  return {
    name: t('indicators.xlsx.sheet.capacity'),
    columns: [
      { header: t('indicators.detail.kube'), kind: 'text' },
      { header: t('indicators.csv.dimension'), kind: 'text' },
      { header: t('indicators.csv.baselineDate'), kind: 'date' },
      { header: t('indicators.csv.baselineScore'), kind: 'number', digits: 2 },
      { header: t('indicators.csv.latestDate'), kind: 'date' },
      { header: t('indicators.csv.latestScore'), kind: 'number', digits: 2 },
      { header: t('indicators.csv.change'), kind: 'number', digits: 2 },
      { header: t('indicators.csv.improved'), kind: 'text' },
    ],
    rows: data.i3.perKube.flatMap(({ kubeId, change }) =>
      change.baseline === null
        ? []
        : change.dimensions.map((d) => [
            ...[kube.get(kubeId)?.name ?? '', titles.get(d.dimension) ?? d.dimension],
            ...[change.baseline?.assessedOn ?? null, d.baseline, change.latest?.assessedOn ?? null, d.latest, d.change],
            d.improved === null ? null : d.improved ? t('indicators.csv.yes') : t('indicators.csv.no'),
          ]),
    ),
  };
}

/** The curriculum's titles, passed in: `astro:content` answers only inside Astro (see content.ts). */
type Titles = Pick<IndicatorContent, 'moduleTitles' | 'taskTitles'>;

/** One part of the indicator data as sheets, each opening with the indicator, its period and its area. */
export async function indicatorSheets(
  db: Executor,
  part: CsvPart,
  data: IndicatorData,
  t: Translate,
  scope: IndicatorScope,
  content: Titles & { rubric: Rubric },
): Promise<Sheet[]> {
  const sheets =
    part === '1'
      ? [structureSheet(data, t)]
      : part === '2'
        ? await knowledgeSheets(db, data, t, content)
        : part === '4'
          ? [trainingSheet(data, t)]
          : [capacitySheet(data, content.rubric, t)];
  // The area as the printed dashboard names it (DashboardPrintHead): the narrowest place first.
  const area = [scope.desa, scope.kecamatan, scope.kabupaten].filter(Boolean).join(', ');
  const block = [
    [t('indicators.print.period'), `${scope.from} – ${scope.to}`],
    [t('indicators.print.area'), area || t('indicators.print.allArea')],
    ...(part === '2' ? [[t('report.filter.sex'), sexFilterLabel(t, scope.sex)] as const] : []),
  ] as const;
  return sheets.map((sheet) => ({ ...sheet, title: t(`indicators.i${part}.title`), about: block }));
}
