import type { Locale, Translate } from '../../i18n/index.ts';
import type { GainReport } from './compute.ts';
import { csvDocument, csvNumber, csvText, peopleRows, type CsvLabels } from './csv.ts';
import { summaryLines, verdictSentence } from './plain.ts';
import { sexColumns, sexGroupLabel } from './sex-table.ts';
import { skillSentence } from './skills-plain.ts';
import type { SkillPerson, SkillReport } from '../practice/report.ts';

// The report as one CSV file that stands on its own: what it is about (module, KUBE, period), the summary
// figures with their meaning (and technical name) and the verdict, then one row per person. Same format as peopleCsv (BOM, ';',
// decimal commas), so a spreadsheet opens it straight into columns.

export type ReportAbout = {
  module: string;
  kube: string;
  /** Whose figures: Laki-laki, Perempuan, or both (the `jk` filter). */
  sex: string;
  /** The period as the reader should read it, e.g. "2026-03-01 – 2026-03-31" or "semua tanggal". */
  period: string;
  /** The day the file was made, YYYY-MM-DD. */
  made: string;
};

/** The period of a report in a spreadsheet's terms: ISO days, an open end as "…". */
export function periodText(from: string | null, to: string | null, all: string): string {
  return from || to ? `${from ?? '…'} – ${to ?? '…'}` : all;
}

export function reportCsv(
  report: GainReport,
  about: ReportAbout,
  t: Translate,
  locale: Locale,
  moduleTitle: (slug: string) => string,
  skills: SkillReport | null = null,
): string {
  const skillLine = skillSentence(skills, t, locale);
  const pair = (label: string, value: string) => [csvText(label), value];
  const head = [
    [csvText(t('report.print.title'))],
    pair(t('report.filter.module'), csvText(about.module)),
    pair(t('report.print.kube'), csvText(about.kube)),
    pair(t('report.filter.sex'), csvText(about.sex)),
    pair(t('report.print.period'), csvText(about.period)),
    pair(t('report.filter.mastery'), csvNumber(report.mastery)),
    pair(t('report.csv.made'), about.made),
    [],
    [csvText(t('report.summary'))],
    ...summaryLines(report, t, locale).map((line) => [
      csvText(line.percent ? `${line.label} (%)` : line.label),
      csvNumber(line.number, line.digits),
      csvText(line.meaning),
      ...(line.technical ? [csvText(line.technical)] : []),
    ]),
    pair(t('report.csv.verdict'), csvText(verdictSentence(report, t, locale))),
    ...(skillLine ? [pair(t('report.skills'), csvText(skillLine))] : []),
    [],
    ...sexRowsCsv(report, t),
    [],
  ];
  const labels: CsvLabels = {
    name: t('report.col.name'),
    kube: t('report.col.kube'),
    module: t('report.col.module'),
    date: t('report.col.postDate'),
    pre: t('report.col.pre'),
    post: t('report.col.post'),
    gain: t('report.col.gain'),
    g: t('report.col.g'),
  };
  const skillRows = skills ? [[], ...skillsRows(skills, t)] : [];
  const retention = report.retention
    ? {
        date: t('report.retention.col.date'),
        score: t('report.retention.col.retention'),
        kept: t('report.retention.col.kept'),
      }
    : undefined;
  return csvDocument([...head, ...peopleRows(report.people, labels, moduleTitle, retention), ...skillRows]);
}

/** "Menurut jenis kelamin": its title, header and one row per group; a group without people says so. */
function sexRowsCsv(report: GainReport, t: Translate): string[][] {
  const columns = sexColumns(t);
  return [
    [csvText(t('report.bySex'))],
    [t('report.bySex.col.group'), ...columns.map((c) => (c.percent ? `${c.header} (%)` : c.header))].map(csvText),
    ...report.bySex.map((row) =>
      row.n === 0
        ? [csvText(sexGroupLabel(t, row.group)), '0', csvText(t('report.bySex.none'))]
        : [
            csvText(sexGroupLabel(t, row.group)),
            ...columns.map((c) => {
              const value = c.value(row);
              return csvNumber(c.percent && value !== null ? value * 100 : value, c.digits);
            }),
          ],
    ),
  ];
}

/**
 * The practical tasks as a second block under the people, not as more columns of their rows: a person may be
 * scored on a task without taking the test (or on two tasks), and each column stays one number a spreadsheet
 * can sort and sum ("50 → 83,3" in a cell could not be).
 */
function skillsRows(skills: SkillReport, t: Translate): string[][] {
  const titles = new Map(skills.tasks.map((task) => [task.key, task.title]));
  return [
    [csvText(t('report.skills'))],
    [
      t('report.skills.col.task'),
      t('report.skills.col.people'),
      t('report.skills.col.pre'),
      t('report.skills.col.post'),
      t('report.skills.col.gain'),
      t('report.skills.col.classGain'),
    ].map(csvText),
    ...skills.tasks.map((task) => [
      csvText(task.title),
      String(task.people),
      csvNumber(task.meanPre),
      csvNumber(task.meanPost),
      csvNumber(task.meanGain),
      csvNumber(task.classGain, 3),
    ]),
    [],
    ...skillPeopleRows(skills.people, t, titles),
  ];
}

/**
 * One row per person and task (the report's and indicator 2's CSV): the header, then name, KUBE, task, the post
 * scoring's day, pre, post, gain and g, and `extra` columns (indicator 2 adds the positions held that day).
 */
export function skillPeopleRows(
  people: readonly SkillPerson[],
  t: Translate,
  titles: ReadonlyMap<string, string>,
  extra: { header: string; cell: (person: SkillPerson) => string } | null = null,
): string[][] {
  return [
    [
      t('report.col.name'),
      t('report.col.kube'),
      t('report.skills.csv.task'),
      t('report.skills.csv.date'),
      t('report.skills.csv.pre'),
      t('report.skills.csv.post'),
      t('report.col.gain'),
      t('report.col.g'),
      ...(extra ? [extra.header] : []),
    ].map(csvText),
    ...people.map((p) => [
      csvText(p.name),
      csvText(p.kubeName),
      csvText(titles.get(p.taskSlug) ?? p.taskSlug),
      p.postDate,
      csvNumber(p.pre),
      csvNumber(p.post),
      csvNumber(p.gain),
      csvNumber(p.g, 3),
      ...(extra ? [csvText(extra.cell(p))] : []),
    ]),
  ];
}
