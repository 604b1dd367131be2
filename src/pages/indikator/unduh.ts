import type { APIRoute } from 'astro';
import { csvFile, csvNumber, csvText } from '../../features/analytics/csv.ts';
import { can } from '../../features/auth/permissions.ts';
import { divisionLabel } from '../../features/kube/labels.ts';
import { listJabatan } from '../../features/kube/queries.ts';
import { listModules } from '../../features/learning/curriculum.ts';
import { heldOn, positionsByPerson } from '../../features/indicators/compute.ts';
import { loadIndicators } from '../../features/indicators/data.ts';
import { readIndicatorRequest } from '../../features/indicators/query.ts';
import { loadRubric, rubricShape } from '../../features/indicators/rubric.ts';
import { db } from '../../lib/db.ts';
import { translateMessage } from '../../lib/forms.ts';
import { normalizedGain } from '../../lib/stats/index.ts';

// The data behind one indicator as CSV (same filters as the dashboard; `bagian` = 1, 2 or 3), in the
// format Excel in an Indonesian locale opens in columns (see features/analytics/csv.ts).
export const GET: APIRoute = async (context) => {
  const { actor, t } = context.locals;
  if (!actor || !can(actor, 'indicators.view')) return context.rewrite('/403');
  const part = context.url.searchParams.get('bagian');
  const request = readIndicatorRequest(actor, context.url.searchParams);
  if (!request.ok || (part !== '1' && part !== '2' && part !== '3')) {
    const message = request.ok
      ? translateMessage('errors.invalid', t)
      : Object.values(request.errors)
          .map((key) => translateMessage(key, t))
          .join(' ');
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const rubricEntry = await loadRubric();
  const data = await loadIndicators(db, request.scope, rubricShape(rubricEntry));
  const kube = new Map(data.kubes.map((k) => [k.id, k]));
  const yes = t('indicators.detail.yes');
  const no = t('indicators.detail.no');
  let csv: string;
  if (part === '1') {
    csv = csvFile(
      [
        t('indicators.csv.date'),
        t('indicators.detail.kube'),
        t('indicators.detail.desa'),
        t('indicators.csv.kecamatan'),
        t('indicators.csv.kabupaten'),
        t('indicators.detail.core'),
        ...data.divisions.map((d) => divisionLabel(t, d)),
        t('indicators.detail.beyond'),
      ],
      data.i1.structures.map((s) => {
        const k = kube.get(s.kubeId);
        return [
          data.i1.day,
          csvText(k?.name ?? ''),
          csvText(k?.desa ?? ''),
          csvText(k?.kecamatan ?? ''),
          csvText(k?.kabupaten ?? ''),
          String(s.coreOfficers),
          ...data.divisions.map((d) => (s.divisions.includes(d) ? yes : no)),
          String(s.beyondCoreOfficers),
        ];
      }),
    );
  } else if (part === '2') {
    const jabatan = new Map((await listJabatan(db)).map((j) => [j.code, j.name]));
    const modules = new Map((await listModules()).map((m) => [m.id, m.data.title]));
    const byPerson = positionsByPerson(data.positions);
    csv = csvFile(
      [
        t('report.col.name'),
        t('report.col.kube'),
        t('report.col.module'),
        t('report.col.postDate'),
        t('report.col.pre'),
        t('report.col.post'),
        t('report.col.gain'),
        t('report.col.g'),
        t('indicators.csv.positions'),
      ],
      data.pairs.map((p) => {
        const held = (byPerson.get(p.personId) ?? [])
          .filter((pos) => heldOn(p.postDate, pos))
          .map((pos) => jabatan.get(pos.jabatanCode) ?? pos.jabatanCode);
        return [
          csvText(p.name),
          csvText(p.kubeName),
          csvText(modules.get(p.moduleSlug) ?? p.moduleSlug),
          p.postDate,
          csvNumber(p.pre.score),
          csvNumber(p.post.score),
          csvNumber(p.post.score - p.pre.score),
          csvNumber(normalizedGain(p.pre.score, p.post.score), 3),
          csvText(held.join(', ')),
        ];
      }),
    );
  } else {
    const titles = new Map(rubricEntry.data.dimensions.map((d) => [d.id, d.title]));
    csv = csvFile(
      [
        t('indicators.detail.kube'),
        t('indicators.csv.dimension'),
        t('indicators.csv.baselineDate'),
        t('indicators.csv.baselineScore'),
        t('indicators.csv.latestDate'),
        t('indicators.csv.latestScore'),
        t('indicators.csv.change'),
        t('indicators.csv.improved'),
      ],
      data.i3.perKube.flatMap(({ kubeId, change }) =>
        change.baseline === null
          ? []
          : change.dimensions.map((d) => [
              csvText(kube.get(kubeId)?.name ?? ''),
              csvText(titles.get(d.dimension) ?? d.dimension),
              change.baseline?.assessedOn ?? '',
              csvNumber(d.baseline, 2),
              change.latest?.assessedOn ?? '',
              csvNumber(d.latest, 2),
              csvNumber(d.change, 2),
              d.improved === null ? '' : d.improved ? t('indicators.csv.yes') : t('indicators.csv.no'),
            ]),
      ),
    );
  }
  const name = `indikator-${part}-${request.scope.from}-${request.scope.to}.csv`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
};
