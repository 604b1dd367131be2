import type { APIRoute } from 'astro';
import { fileResponse, readFormat, sheetFooter } from '../../features/analytics/download.ts';
import { loadReportFile, type ReportFile } from '../../features/analytics/load-report-file.ts';
import { can } from '../../features/auth/permissions.ts';
import { db } from '../../lib/db.ts';
import { translateMessage } from '../../lib/forms.ts';

// The report as a file (what it is about, the summary, one row per person), with the report page's filters:
// CSV, or an Excel workbook with `format=xlsx`.
const INVALID_FORMAT: ReportFile = { status: 400, errors: { format: { key: 'errors.invalid' } } };

export const GET: APIRoute = async (context) => {
  const { actor, t, locale } = context.locals;
  if (!actor || !can(actor, 'report.view')) return context.rewrite('/403');
  const format = readFormat(context.url.searchParams);
  const file = format
    ? await loadReportFile(db, actor, context.url.searchParams, t, locale, {
        format,
        footer: sheetFooter(t),
      })
    : INVALID_FORMAT;
  if (file.status === 403) return context.rewrite('/403');
  if (file.status === 404) return context.rewrite('/404');
  if (file.status === 400) {
    const message = Object.values(file.errors)
      .map((key) => translateMessage(key, t))
      .join(' ');
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return fileResponse(file.body, file.filename);
};
