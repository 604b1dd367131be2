import type { Executor } from '../../../db/client.ts';
import { nameMatches, searchText } from '../../lib/like.ts';
import { pageOf, pageWindow, type PageWindow } from '../../lib/pages.ts';
import { normalizedGain } from '../../lib/stats/index.ts';
import type { Pair } from '../analytics/pairs.ts';
import { visibleKubeIds, type Actor } from '../auth/permissions.ts';
import { rubricShape } from '../capacity/rubric.ts';
import { AREA_KEYS, areaParams, chooseArea, type Area, type AreaChoice } from '../kube/area-choice.ts';
import { listAreas } from '../kube/areas.ts';
import { listJabatan } from '../kube/queries.ts';
import { siteContent, type IndicatorContent } from './content.ts';
import type { Indicators } from './dashboard.ts';
import { loadIndicators, type ScopeKube } from './data.ts';
import { readIndicatorRequest } from './query.ts';

// The data behind one indicator (`/indikator/1` … `/4`): the KUBEs and records its figure is made of, the
// growing list one page at a time.

export const INDICATOR_NUMBERS = ['1', '2', '3', '4'] as const;
export type IndicatorNumber = (typeof INDICATOR_NUMBERS)[number];

export const isIndicatorNumber = (value: string | undefined): value is IndicatorNumber =>
  INDICATOR_NUMBERS.some((n) => n === value);

type DetailBase = {
  data: Indicators;
  params: URLSearchParams;
  /** The cleaned filters, `?…`, for the way back and the CSV. */
  query: string;
  kubes: Map<string, ScopeKube>;
  /** The page of the growing list shown (KUBEs, or officers' pairs for indicator 2). */
  shown: PageWindow;
  /** The area filter's places (the KUBEs the person may see) and the area chosen among them. */
  areas: Area[];
  area: AreaChoice;
  /** The name searched in the list (`?cari=`): a KUBE's, or for indicator 2 an officer's or their KUBE's. */
  q: string;
};

export type DetailView =
  | (DetailBase & { number: '1'; structures: Indicators['i1']['structures'] })
  | (DetailBase & {
      number: '2';
      pairs: (Pair & { g: number | null })[];
      jabatanNames: Map<string, string>;
      moduleTitles: Map<string, string>;
      taskTitles: Map<string, string>;
    })
  | (DetailBase & {
      number: '3';
      perKube: Indicators['i3']['perKube'];
      business: Map<string, Indicators['business'][number]>;
      programDimensions: { id: string; title: string }[];
    })
  | (DetailBase & { number: '4'; trainings: Indicators['i4']['perKube'] });

/** 400 with no view when the filters are refused (the page says so); else the chosen indicator's records. */
export type IndicatorDetail = { status: 200; view: DetailView } | { status: 400; view: null };

async function namesFor(db: Executor, content: IndicatorContent) {
  const [jabatan, moduleTitles, taskTitles] = await Promise.all([
    listJabatan(db),
    content.moduleTitles(),
    content.taskTitles(),
  ]);
  return { jabatanNames: new Map(jabatan.map((j) => [j.code, j.name])), moduleTitles, taskTitles };
}

export async function loadIndicatorDetail(
  db: Executor,
  actor: Actor,
  number: IndicatorNumber,
  params: URLSearchParams,
  content: IndicatorContent = siteContent,
): Promise<IndicatorDetail> {
  // A place that is not one of the person's KUBEs' places (stale, made up) is dropped, not refused.
  const areas = await listAreas(db, visibleKubeIds(actor));
  const area = chooseArea(params, areas);
  const asked = new URLSearchParams(params);
  for (const key of AREA_KEYS) asked.delete(key);
  for (const [key, value] of areaParams(area)) asked.set(key, value);
  const request = readIndicatorRequest(actor, asked);
  if (!request.ok) return { status: 400, view: null };
  const q = searchText(params);
  const rubric = content.rubric();
  // The indicators and indicator 2's names (positions, modules) are independent reads: they run together.
  const [data, { dimensions }, names] = await Promise.all([
    rubric.then((r) => loadIndicators(db, request.scope, rubricShape({ data: r }))),
    rubric,
    number === '2' ? namesFor(db, content) : null,
  ]);
  const kubes = new Map(data.kubes.map((k) => [k.id, k]));
  // The indicators need every record of the area, so the list is searched in memory, then paged.
  const kubeNamed = (row: { kubeId: string }) => nameMatches(kubes.get(row.kubeId)?.name ?? '', q);
  const structures = data.i1.structures.filter(kubeNamed);
  const pairsFound = data.pairs.filter((p) => nameMatches(p.name, q) || nameMatches(p.kubeName, q));
  const perKube = data.i3.perKube.filter(kubeNamed);
  const trainings = data.i4.perKube.filter(kubeNamed);
  const listed = { '1': structures, '2': pairsFound, '3': perKube, '4': trainings }[number];
  const base: DetailBase = {
    data,
    params: request.params,
    query: `?${request.params.toString()}`,
    kubes,
    shown: pageWindow(params, listed.length),
    areas,
    area,
    q,
  };
  if (number === '1') return { status: 200, view: { ...base, number, structures: pageOf(structures, base.shown) } };
  if (number === '4') return { status: 200, view: { ...base, number, trainings: pageOf(trainings, base.shown) } };
  if (number === '2' && names) {
    const pairs = pageOf(pairsFound, base.shown).map((p) => ({ ...p, g: normalizedGain(p.pre.score, p.post.score) }));
    return { status: 200, view: { ...base, number: '2', pairs, ...names } };
  }
  return {
    status: 200,
    view: {
      ...base,
      number: '3',
      perKube: pageOf(perKube, base.shown),
      business: new Map(data.business.map((b) => [b.kubeId, b])),
      programDimensions: dimensions.filter((d) => d.kind === 'program').map((d) => ({ id: d.id, title: d.title })),
    },
  };
}
