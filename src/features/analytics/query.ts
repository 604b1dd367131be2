import { z } from 'astro/zod';
import type { Executor } from '../../../db/client.ts';
import { SEXES } from '../../../db/schema.ts';
import { issueMessage } from '../../lib/issues.ts';
import type { Message } from '../../lib/errors.ts';
import { optionalIsoDate } from '../../lib/forms.ts';
import { PERIOD_TOO_LONG, withinYears } from '../../lib/period.ts';
import { can, visibleKubeIds, type Actor } from '../auth/permissions.ts';
import { getWorkshop, type Workshop } from '../workshop/service.ts';
import { DEFAULT_MASTERY } from './compute.ts';
import type { ReportScope } from './pairs.ts';

// The report's filters as they arrive in the address (a GET form, so a report can be bookmarked and shared),
// checked, and narrowed to what the person may see.

const optionalCode = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || /^[a-z0-9-]{1,60}$/.test(value), 'errors.invalid');

/** `jk`: L or P narrows the report to the people recorded so; empty is everyone (those not recorded too). */
export const sexFilter = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value.toUpperCase() : undefined))
  .refine((value) => value === undefined || (SEXES as readonly string[]).includes(value), 'errors.choice')
  .transform((value) => SEXES.find((sex) => sex === value));

export const reportQuery = z
  .object({
    modul: optionalCode,
    kube: optionalCode,
    workshop: optionalCode,
    jabatan: optionalCode,
    jk: sexFilter,
    dari: optionalIsoDate(),
    sampai: optionalIsoDate(),
    ketuntasan: z
      .string()
      .trim()
      .nullish()
      .transform((value) => (value ? Number(value.replace(',', '.')) : DEFAULT_MASTERY))
      .refine((value) => Number.isFinite(value) && value >= 0 && value <= 100, 'errors.mastery'),
  })
  .refine((q) => !q.dari || !q.sampai || q.dari <= q.sampai, { error: 'errors.dateOrder', path: ['sampai'] })
  // A period with one end open is every post-test on that side; only a period with two ends has a length.
  .refine((q) => !q.dari || !q.sampai || q.dari > q.sampai || withinYears(q.dari, q.sampai), {
    error: PERIOD_TOO_LONG.key,
    params: PERIOD_TOO_LONG.params,
    path: ['dari'],
  });

export type ReportQuery = z.infer<typeof reportQuery>;

export type ReportRequest =
  | { ok: true; query: ReportQuery; scope: ReportScope; workshop: Workshop | null }
  | { ok: false; status: 400 | 403 | 404; errors: Record<string, Message> };

/** Reads the filters from the address; bad values are named per field, and nothing is loaded. */
export async function readReportRequest(db: Executor, actor: Actor, params: URLSearchParams): Promise<ReportRequest> {
  const raw = Object.fromEntries(
    ['modul', 'kube', 'workshop', 'jabatan', 'jk', 'dari', 'sampai', 'ketuntasan'].map((key) => [key, params.get(key)]),
  );
  const parsed = reportQuery.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, Message> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= issueMessage(issue);
    return { ok: false, status: 400, errors };
  }
  const query = parsed.data;
  if (!can(actor, 'report.view', query.kube ? { kubeId: query.kube } : {})) {
    return { ok: false, status: 403, errors: {} };
  }
  const own = visibleKubeIds(actor);
  if (query.workshop) {
    const workshop = await getWorkshop(db, query.workshop);
    if (!workshop) return { ok: false, status: 404, errors: {} };
    if (!can(actor, 'report.view', { kubeId: workshop.kubeId })) return { ok: false, status: 403, errors: {} };
    return {
      ok: true,
      query,
      workshop,
      scope: { workshopId: workshop.id, moduleSlug: workshop.moduleSlug, kubeIds: [workshop.kubeId], sex: query.jk },
    };
  }
  return {
    ok: true,
    query,
    workshop: null,
    scope: {
      moduleSlug: query.modul,
      kubeIds: query.kube ? [query.kube] : own,
      jabatanCode: query.jabatan,
      sex: query.jk,
      from: query.dari ?? undefined,
      to: query.sampai ?? undefined,
    },
  };
}
