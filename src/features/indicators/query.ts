import { z } from 'astro/zod';
import { todayIso } from '../../lib/dates.ts';
import { issueMessage } from '../../lib/issues.ts';
import type { Message } from '../../lib/errors.ts';
import { optionalIsoDate } from '../../lib/forms.ts';
import { PERIOD_TOO_LONG, withinYears } from '../../lib/period.ts';
import { visibleKubeIds, type Actor } from '../auth/permissions.ts';
import { sexFilter } from '../analytics/query.ts';
import type { IndicatorScope } from './data.ts';

// The dashboard's filters as they arrive in the address: an area (kabupaten, kecamatan, desa) and a period,
// checked, and narrowed to the KUBEs the person may see.

const optionalPlace = z
  .string()
  .trim()
  .max(80, 'errors.tooLong')
  .nullish()
  .transform((value) => (value ? value : undefined));

const indicatorQuery = z
  .object({
    kabupaten: optionalPlace,
    kecamatan: optionalPlace,
    desa: optionalPlace,
    dari: optionalIsoDate(),
    sampai: optionalIsoDate(),
    /** Indicator 2's officers by recorded sex: L or P; empty for everyone. */
    jk: sexFilter,
  })
  .refine((q) => !q.dari || !q.sampai || q.dari <= q.sampai, { error: 'errors.dateOrder', path: ['sampai'] });

export type IndicatorRequest =
  { ok: true; scope: IndicatorScope; params: URLSearchParams } | { ok: false; errors: Record<string, Message> };

/** The filters, with the period defaulting to this year up to today. */
export function readIndicatorRequest(actor: Actor, params: URLSearchParams, today = todayIso()): IndicatorRequest {
  const parsed = indicatorQuery.safeParse(
    Object.fromEntries(['kabupaten', 'kecamatan', 'desa', 'dari', 'sampai', 'jk'].map((key) => [key, params.get(key)])),
  );
  if (!parsed.success) {
    const errors: Record<string, Message> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= issueMessage(issue);
    return { ok: false, errors };
  }
  const q = parsed.data;
  const to = q.sampai ?? today;
  const from = q.dari ?? `${to.slice(0, 4)}-01-01`;
  // Checked on the period as it will be used, defaults filled in: `dari` alone runs up to today.
  if (from <= to && !withinYears(from, to)) return { ok: false, errors: { dari: PERIOD_TOO_LONG } };
  // The same filters again, cleaned, for links to drill-downs, print and CSV.
  const clean = new URLSearchParams();
  for (const [key, value] of Object.entries({ kabupaten: q.kabupaten, kecamatan: q.kecamatan, desa: q.desa })) {
    if (value) clean.set(key, value);
  }
  clean.set('dari', from);
  clean.set('sampai', to);
  if (q.jk) clean.set('jk', q.jk);
  return {
    ok: true,
    params: clean,
    scope: {
      allowedKubeIds: visibleKubeIds(actor),
      kabupaten: q.kabupaten,
      kecamatan: q.kecamatan,
      desa: q.desa,
      from: from <= to ? from : to,
      to,
      sex: q.jk,
    },
  };
}
