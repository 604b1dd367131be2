import { useTranslations, type Locale } from '../../i18n/index.ts';
import { translateMessage } from '../../lib/errors.ts';
import { headerOf } from './columns.ts';
import type { ImportPlan, RowIssue } from './plan-types.ts';

/** One problem as a line: "Baris 7, Jabatan: …". */
export function issueLine(issue: RowIssue, locale: Locale = 'id'): string {
  const t = useTranslations(locale);
  const where = issue.column
    ? `${t('import.report.row', { row: issue.row })}, ${headerOf(issue.column)}`
    : t('import.report.row', { row: issue.row });
  return `${where}: ${translateMessage(issue.message, t)}`;
}

/** The plan as lines of text for the terminal: counts, warnings, then every bad row. */
export function planLines(plan: ImportPlan, locale: Locale = 'id'): string[] {
  const t = useTranslations(locale);
  const { kubes, people, memberships, positions } = plan.counts;
  const lines = [
    t('import.report.kubes', { ...kubes }),
    t('import.report.people', { ...people }),
    t('import.report.memberships', { ...memberships }),
    t('import.report.positions', { ...positions }),
  ];
  if (plan.warnings.length > 0) {
    lines.push('', t('import.report.warnings', { count: plan.warnings.length }));
    lines.push(...plan.warnings.map((issue) => `  ${issueLine(issue, locale)}`));
  }
  if (plan.errors.length > 0) {
    lines.push('', t('import.report.errors', { count: plan.errors.length }));
    lines.push(...plan.errors.map((issue) => `  ${issueLine(issue, locale)}`));
  }
  return lines;
}
