import type { Locale, Translate } from '../../i18n/index.ts';
import type { SkillPerson, SkillReport } from '../practice/report.ts';
import type { GainReport, PersonRow } from './compute.ts';
import { summaryLines, verdictSentence } from './plain.ts';
import { sexColumns, sexGroupLabel } from './sex-table.ts';
import type { ReportAbout } from './report-csv.ts';
import { skillSentence } from './skills-plain.ts';
import type { Cell, Column, Sheet } from './xlsx.ts';

// The report as a workbook: the summary on its own sheet, one row per person on the next, and for a module
// with practical tasks the tasks and one row per person and task. The same words and figures as reportCsv.

const gainColumns = (t: Translate): Column[] => [
  { header: t('report.col.gain'), kind: 'number', digits: 1 },
  { header: t('report.col.g'), kind: 'number', digits: 3 },
];

export function peopleSheetRows(people: readonly PersonRow[], moduleTitle: (slug: string) => string): Cell[][] {
  return people.map((p) => [p.name, p.kubeName, moduleTitle(p.moduleSlug), p.postDate, p.pre, p.post, p.gain, p.g]);
}

/** The columns of one row per person and test pair: name, KUBE, module, post-test day, pre, post, gain, g. */
export const peopleColumns = (t: Translate): Column[] => [
  { header: t('report.col.name'), kind: 'text' },
  { header: t('report.col.kube'), kind: 'text' },
  { header: t('report.col.module'), kind: 'text' },
  { header: t('report.col.postDate'), kind: 'date' },
  { header: t('report.col.pre'), kind: 'number', digits: 1 },
  { header: t('report.col.post'), kind: 'number', digits: 1 },
  ...gainColumns(t),
];

/** Where retention tests exist: the retention test's day, its score and the share of the gain kept. */
export const retentionColumns = (t: Translate): Column[] => [
  { header: t('report.retention.col.date'), kind: 'date' },
  { header: t('report.retention.col.retention'), kind: 'number', digits: 1 },
  { header: t('report.retention.col.kept'), kind: 'number', digits: 1, percent: true },
];

/** One row per person and task, with `extra` text columns (indicator 2 adds the positions held that day). */
export function skillPeopleSheet(
  people: readonly SkillPerson[],
  t: Translate,
  titles: ReadonlyMap<string, string>,
  extra: { header: string; cell: (person: SkillPerson) => string } | null = null,
): Pick<Sheet, 'columns' | 'rows'> {
  return {
    columns: [
      { header: t('report.col.name'), kind: 'text' },
      { header: t('report.col.kube'), kind: 'text' },
      { header: t('report.skills.csv.task'), kind: 'text' },
      { header: t('report.skills.csv.date'), kind: 'date' },
      { header: t('report.skills.csv.pre'), kind: 'number', digits: 1 },
      { header: t('report.skills.csv.post'), kind: 'number', digits: 1 },
      ...gainColumns(t),
      ...(extra ? [{ header: extra.header, kind: 'text' as const }] : []),
    ],
    rows: people.map((p) => [
      ...[p.name, p.kubeName, titles.get(p.taskSlug) ?? p.taskSlug, p.postDate, p.pre, p.post, p.gain, p.g],
      ...(extra ? [extra.cell(p)] : []),
    ]),
  };
}

function summaryRows(report: GainReport, t: Translate, locale: Locale, skills: SkillReport | null): Cell[][] {
  const skillLine = skillSentence(skills, t, locale);
  return [
    // A percentage is stored as a share so that Excel's % format shows the same figure as the page.
    ...summaryLines(report, t, locale).map((line) => [
      line.label,
      {
        number: line.percent && line.number !== null ? line.number / 100 : line.number,
        digits: line.digits,
        ...(line.percent ? { percent: true as const } : {}),
      },
      line.meaning,
      line.technical,
    ]),
    [t('report.csv.verdict'), null, verdictSentence(report, t, locale), null],
    ...(skillLine ? [[t('report.skills'), null, skillLine, null]] : []),
  ];
}

function skillSheets(skills: SkillReport, t: Translate, about: Sheet['about']): Sheet[] {
  const titles = new Map(skills.tasks.map((task) => [task.key, task.title]));
  return [
    {
      name: t('report.xlsx.sheet.skills'),
      title: t('report.skills'),
      about,
      columns: [
        { header: t('report.skills.col.task'), kind: 'text' },
        { header: t('report.skills.col.people'), kind: 'number', digits: 0 },
        { header: t('report.skills.col.pre'), kind: 'number', digits: 1 },
        { header: t('report.skills.col.post'), kind: 'number', digits: 1 },
        { header: t('report.skills.col.gain'), kind: 'number', digits: 1 },
        { header: t('report.skills.col.classGain'), kind: 'number', digits: 3 },
      ],
      rows: skills.tasks.map((task) => [
        ...[task.title, task.people, task.meanPre, task.meanPost, task.meanGain, task.classGain],
      ]),
    },
    {
      name: t('report.xlsx.sheet.skillPeople'),
      title: t('report.skills'),
      about,
      ...skillPeopleSheet(skills.people, t, titles),
    },
  ];
}

/** "Menurut jenis kelamin" on its own sheet: a group without people has 0 pairs, empty figures and a note. */
function sexSheet(report: GainReport, t: Translate, about: Sheet['about']): Sheet {
  const columns = sexColumns(t);
  return {
    name: t('report.bySex'),
    title: t('report.bySex'),
    about,
    columns: [
      { header: t('report.bySex.col.group'), kind: 'text' },
      ...columns.map((c): Column => ({
        header: c.header,
        kind: 'number',
        digits: c.digits,
        ...(c.percent ? { percent: true } : {}),
      })),
      { header: t('report.bySex.col.note'), kind: 'text' },
    ],
    rows: report.bySex.map((row) => [
      sexGroupLabel(t, row.group),
      ...columns.map((c) => (row.n === 0 && c.digits > 0 ? null : c.value(row))),
      row.n === 0 ? t('report.bySex.none') : null,
    ]),
  };
}

export function reportSheets(
  report: GainReport,
  about: ReportAbout,
  t: Translate,
  locale: Locale,
  moduleTitle: (slug: string) => string,
  skills: SkillReport | null = null,
): Sheet[] {
  const block = [
    [t('report.filter.module'), about.module],
    [t('report.print.kube'), about.kube],
    [t('report.filter.sex'), about.sex],
    [t('report.print.period'), about.period],
    [t('report.filter.mastery'), report.mastery],
  ] as const;
  return [
    {
      name: t('report.xlsx.sheet.summary'),
      title: t('report.print.title'),
      about: block,
      columns: [
        { header: t('report.xlsx.col.figure'), kind: 'text' },
        { header: t('report.xlsx.col.value'), kind: 'number', digits: 1 },
        { header: t('report.xlsx.col.meaning'), kind: 'text' },
        { header: t('report.xlsx.col.technical'), kind: 'text' },
      ],
      rows: summaryRows(report, t, locale, skills),
    },
    {
      name: t('report.xlsx.sheet.people'),
      title: t('report.people'),
      about: block,
      columns: report.retention ? [...peopleColumns(t), ...retentionColumns(t)] : peopleColumns(t),
      rows: peopleSheetRows(report.people, moduleTitle).map((row, i) => {
        const p = report.people[i];
        return report.retention && p ? [...row, p.retentionDate, p.retention, p.retained] : row;
      }),
    },
    sexSheet(report, t, block),
    ...(skills ? skillSheets(skills, t, block) : []),
  ];
}
