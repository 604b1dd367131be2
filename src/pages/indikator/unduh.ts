import type { APIRoute } from 'astro';
import { can } from '../../features/auth/permissions.ts';
import { indicatorCsv, isCsvPart } from '../../features/indicators/csv.ts';
import { loadIndicators } from '../../features/indicators/data.ts';
import { readIndicatorRequest } from '../../features/indicators/query.ts';
import { loadRubric, rubricShape } from '../../features/capacity/rubric.ts';
import { db } from '../../lib/db.ts';
import { translateMessage } from '../../lib/forms.ts';

// The data behind one indicator as CSV (same filters as the dashboard; `bagian` = 1, 2 or 3).
export const GET: APIRoute = async (context) => {
  const { actor, t } = context.locals;
  if (!actor || !can(actor, 'indicators.view')) return context.rewrite('/403');
  const part = context.url.searchParams.get('bagian');
  const request = readIndicatorRequest(actor, context.url.searchParams);
  if (!request.ok || !isCsvPart(part)) {
    const message = request.ok
      ? translateMessage('errors.invalid', t)
      : Object.values(request.errors)
          .map((key) => translateMessage(key, t))
          .join(' ');
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const rubric = await loadRubric();
  const data = await loadIndicators(db, request.scope, rubricShape(rubric));
  const csv = await indicatorCsv(db, part, data, rubric, t);
  const name = `indikator-${part}-${request.scope.from}-${request.scope.to}.csv`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
};
