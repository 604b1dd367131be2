import type { APIRoute } from 'astro';
import { itemBankCsv } from '../../../../features/analytics/item-bank-csv.ts';
import { loadItemBank } from '../../../../features/analytics/load-item-bank.ts';
import { can } from '../../../../features/auth/permissions.ts';
import { todayIso } from '../../../../lib/dates.ts';
import { db } from '../../../../lib/db.ts';

// One module's item statistics as a CSV file, for an admin revising its bank in a spreadsheet.
export const GET: APIRoute = async (context) => {
  const { actor, t } = context.locals;
  if (!can(actor, 'admin.area')) return context.rewrite('/403');
  const loaded = await loadItemBank(db, context.params.modul ?? '');
  if (!loaded) return context.rewrite('/404');
  return new Response(itemBankCsv(loaded.view, t), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="soal-${loaded.module.id}-${todayIso()}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
};
