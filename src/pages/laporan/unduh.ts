import type { APIRoute } from 'astro';
import { loadReportCsv } from '../../features/analytics/load-report-csv.ts';
import { can } from '../../features/auth/permissions.ts';
import { db } from '../../lib/db.ts';
import { translateMessage } from '../../lib/forms.ts';

// The report as a CSV file (what it is about, the summary, one row per person), with the report page's filters.
export const GET: APIRoute = async (context) => {
  const { actor, t, locale } = context.locals;
  if (!actor || !can(actor, 'report.view')) return context.rewrite('/403');
  const file = await loadReportCsv(db, actor, context.url.searchParams, t, locale);
  if (file.status === 403) return context.rewrite('/403');
  if (file.status === 404) return context.rewrite('/404');
  if (file.status === 400) {
    const message = Object.values(file.errors)
      .map((key) => translateMessage(key, t))
      .join(' ');
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return new Response(file.csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'private, no-store',
    },
  });
};
