import type { Executor } from '../../../db/client.ts';
import type { Locale, Translate } from '../../i18n/index.ts';
import { todayIso } from '../../lib/dates.ts';
import type { Message } from '../../lib/errors.ts';
import type { Actor } from '../auth/permissions.ts';
import { getKube } from '../kube/queries.ts';
import { buildReportYielding } from './compute.ts';
import { loadPairs } from './pairs.ts';
import { readReportRequest } from './query.ts';
import type { DownloadFormat } from './download.ts';
import { periodText, reportCsv } from './report-csv.ts';
import { reportSheets } from './report-xlsx.ts';
import { sexFilterLabel } from './sex-table.ts';
import { siteReportContent, type ReportContent } from './report-page.ts';
import { loadSkills } from './skills.ts';
import { workbookBytes, type SheetFooter } from './xlsx.ts';

// The report's file (CSV, or an Excel workbook) for one person and the filters in the address (the report
// page's): the file, or why not. Both formats come from the same request and the same figures.

export type ReportFile =
  | { status: 200; body: string | Uint8Array<ArrayBuffer>; filename: string }
  | { status: 403 }
  | { status: 404 }
  | { status: 400; errors: Record<string, Message> };

/** What file to make: its format, its sheets' footer, and (for tests) the day and the curriculum. */
export type ReportFileOptions = {
  format: DownloadFormat;
  footer: SheetFooter;
  today?: string;
  content?: Pick<ReportContent, 'modules' | 'tasks'>;
};

export async function loadReportFile(
  db: Executor,
  actor: Actor,
  params: URLSearchParams,
  t: Translate,
  locale: Locale,
  file: ReportFileOptions,
): Promise<ReportFile> {
  const { today = todayIso(), content = siteReportContent } = file;
  const request = await readReportRequest(db, actor, params);
  if (!request.ok && request.status === 400) return { status: 400, errors: request.errors };
  if (!request.ok) return { status: request.status === 403 ? 403 : 404 };
  const { scope, query, workshop } = request;
  const kubeId = workshop?.kubeId ?? query.kube;
  const [pairs, modules, kube, skills] = await Promise.all([
    loadPairs(db, scope),
    content.modules(),
    kubeId ? getKube(db, kubeId) : null,
    scope.moduleSlug ? content.tasks(scope.moduleSlug).then((tasks) => loadSkills(db, scope, tasks)) : null,
  ]);
  const report = await buildReportYielding(pairs, query.ketuntasan);
  const titles = new Map(modules.map((m) => [m.id, m.title]));
  const about = {
    module: scope.moduleSlug ? (titles.get(scope.moduleSlug) ?? scope.moduleSlug) : t('report.filter.module.all'),
    kube: kube?.name ?? t('report.print.allKube'),
    sex: sexFilterLabel(t, query.jk),
    period: workshop
      ? workshop.date
      : periodText(query.dari ?? null, query.sampai ?? null, t('report.print.allPeriod')),
    made: today,
  };
  const moduleTitle = (slug: string) => titles.get(slug) ?? slug;
  const body =
    file.format === 'xlsx'
      ? await workbookBytes(reportSheets(report, about, t, locale, moduleTitle, skills), file.footer)
      : reportCsv(report, about, t, locale, moduleTitle, skills);
  return { status: 200, body, filename: `laporan-${scope.moduleSlug ?? 'semua-modul'}-${today}.${file.format}` };
}
