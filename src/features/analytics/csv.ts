import type { PersonRow } from './compute.ts';

// CSV for spreadsheets set to Indonesian: Excel in the id-ID locale reads ';' as the list separator and ','
// as the decimal mark, so a file written that way opens straight into columns with numbers as numbers.
// A byte-order mark tells Excel the file is UTF-8 (names with é or ñ stay right); lines end in CRLF.

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/** A number with a decimal comma and no thousands separator, or empty when there is none. */
export function csvNumber(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '';
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor).replace('.', ',');
}

// A cell may be read by a spreadsheet that splits on commas (English-locale Excel, LibreOffice told
// "comma"), where every comma or line break inside a cell starts a new cell. So a formula character
// (OWASP's = + - @ tab CR) is neutralised wherever such a cell could begin, not only at the start.
const FORMULA_AT_START = /^(?=[\s"]*[=+\-@\t\r])/;
const FORMULA_AFTER_BREAK = /([,;\r\n])(?=[\s"]*[=+\-@\t\r])/g;

/**
 * A text cell: an apostrophe before anything that could start a formula (at the start, or after a
 * comma, semicolon or line break inside), and quoted when it holds a separator, a quote or a line break.
 */
export function csvText(value: string): string {
  const safe = value.replace(FORMULA_AT_START, "'").replace(FORMULA_AFTER_BREAK, "$1'");
  return /[;,"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export type CsvLabels = {
  name: string;
  kube: string;
  module: string;
  date: string;
  pre: string;
  post: string;
  gain: string;
  g: string;
};

/** A whole file from rows of cells already written with csvText / csvNumber. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return `${BOM}${rows.map((row) => row.join(CSV_SEPARATOR)).join('\r\n')}\r\n`;
}

/** A whole file from a header and rows of cells already written with csvText / csvNumber. */
export function csvFile(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return csvDocument([header.map(csvText), ...rows]);
}

/** The retention columns' headers, for a report where retention tests exist. */
export type RetentionLabels = { date: string; score: string; kept: string };

/**
 * The per-person table, header first: name, KUBE, module, day of the post-test, pre, post, gain and g; with
 * `retention`, then the retention test's day, its score and the share of the gain kept (in percent).
 */
export function peopleRows(
  people: readonly PersonRow[],
  labels: CsvLabels,
  moduleTitle: (slug: string) => string,
  retention?: RetentionLabels,
): string[][] {
  const header = [labels.name, labels.kube, labels.module, labels.date, labels.pre, labels.post, labels.gain, labels.g];
  if (retention) header.push(retention.date, retention.score, `${retention.kept} (%)`);
  const kept = (p: PersonRow) =>
    retention
      ? [p.retentionDate ?? '', csvNumber(p.retention), csvNumber(p.retained === null ? null : p.retained * 100)]
      : [];
  return [
    header.map(csvText),
    ...people.map((p) => [
      csvText(p.name),
      csvText(p.kubeName),
      csvText(moduleTitle(p.moduleSlug)),
      p.postDate,
      csvNumber(p.pre),
      csvNumber(p.post),
      csvNumber(p.gain),
      csvNumber(p.g, 3),
      ...kept(p),
    ]),
  ];
}

/** One row per person, and nothing else. */
export function peopleCsv(
  people: readonly PersonRow[],
  labels: CsvLabels,
  moduleTitle: (slug: string) => string,
): string {
  return csvDocument(peopleRows(people, labels, moduleTitle));
}
