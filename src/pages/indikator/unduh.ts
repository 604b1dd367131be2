import type { APIRoute } from 'astro';
import { fileResponse, readFormat, sheetFooter } from '../../features/analytics/download.ts';
import { workbookBytes } from '../../features/analytics/xlsx.ts';
import { can } from '../../features/auth/permissions.ts';
import { siteContent } from '../../features/indicators/content.ts';
import { indicatorCsv, isCsvPart } from '../../features/indicators/csv.ts';
import { loadIndicators } from '../../features/indicators/data.ts';
import { readIndicatorRequest } from '../../features/indicators/query.ts';
import { indicatorSheets } from '../../features/indicators/xlsx.ts';
import { loadRubric, rubricShape } from '../../features/capacity/rubric.ts';
import { db } from '../../lib/db.ts';
import { translateMessage } from '../../lib/forms.ts';

// The data behind one indicator as CSV, or an Excel workbook with `format=xlsx` (same filters as the dashboard;
// `bagian` = 1, 2 or 3).
export const GET: APIRoute = async (context) => {
  const { actor, t } = context.locals;
  if (!actor || !can(actor, 'indicators.view')) return context.rewrite('/403');
  const part = context.url.searchParams.get('bagian');
  const format = readFormat(context.url.searchParams);
  const request = readIndicatorRequest(actor, context.url.searchParams);
  if (!request.ok || !isCsvPart(part) || !format) {
    const message = request.ok
      ? translateMessage('errors.invalid', t)
      : Object.values(request.errors)
          .map((key) => translateMessage(key, t))
          .join(' ');
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const { scope } = request;
  const rubric = await loadRubric();
  const data = await loadIndicators(db, scope, rubricShape(rubric));
  const body =
    format === 'xlsx'
      ? await workbookBytes(
          await indicatorSheets(db, part, data, t, scope, { ...siteContent, rubric: rubric.data }),
          sheetFooter(t),
        )
      : await indicatorCsv(db, part, data, rubric, t);
  return fileResponse(body, `indikator-${part}-${scope.from}-${scope.to}.${format}`);
};
