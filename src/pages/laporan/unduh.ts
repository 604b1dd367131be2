import type { APIRoute } from 'astro';
import { buildReportYielding } from '../../features/analytics/compute.ts';
import { peopleCsv } from '../../features/analytics/csv.ts';
import { loadPairs } from '../../features/analytics/pairs.ts';
import { readReportRequest } from '../../features/analytics/query.ts';
import { can } from '../../features/auth/permissions.ts';
import { listModules } from '../../features/learning/curriculum.ts';
import { db } from '../../lib/db.ts';
import { translateMessage } from '../../lib/forms.ts';
import { todayIso } from '../../lib/dates.ts';

// The report's per-person table as a CSV file, with the same filters as the report page.
export const GET: APIRoute = async (context) => {
  const { actor, t } = context.locals;
  if (!actor || !can(actor, 'report.view')) return context.rewrite('/403');
  const request = await readReportRequest(db, actor, context.url.searchParams);
  if (!request.ok) {
    if (request.status === 403) return context.rewrite('/403');
    if (request.status === 404) return context.rewrite('/404');
    const message = Object.values(request.errors)
      .map((key) => translateMessage(key, t))
      .join(' ');
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const report = await buildReportYielding(await loadPairs(db, request.scope), request.query.ketuntasan);
  const titles = new Map((await listModules()).map((m) => [m.id, m.data.title]));
  const csv = peopleCsv(
    report.people,
    {
      name: t('report.col.name'),
      kube: t('report.col.kube'),
      module: t('report.col.module'),
      date: t('report.col.postDate'),
      pre: t('report.col.pre'),
      post: t('report.col.post'),
      gain: t('report.col.gain'),
      g: t('report.col.g'),
    },
    (slug) => titles.get(slug) ?? slug,
  );
  const day = todayIso();
  const name = `laporan-${request.scope.moduleSlug ?? 'semua-modul'}-${day}.csv`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
};
