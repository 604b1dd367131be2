import type { Executor } from '../../../db/client.ts';
import { pageOf, pageWindow, type PageWindow } from '../../lib/pages.ts';
import { normalizedGain } from '../../lib/stats/index.ts';
import type { Pair } from '../analytics/pairs.ts';
import type { Actor } from '../auth/permissions.ts';
import { rubricShape } from '../capacity/rubric.ts';
import { listJabatan } from '../kube/queries.ts';
import { siteContent, type IndicatorContent } from './content.ts';
import type { Indicators } from './dashboard.ts';
import { loadIndicators, type ScopeKube } from './data.ts';
import { readIndicatorRequest } from './query.ts';

// The data behind one indicator (`/indikator/1`, `/2`, `/3`): the KUBEs and records its figure is made of,
// the growing list one page at a time.

export const INDICATOR_NUMBERS = ['1', '2', '3'] as const;
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
    });

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
  const request = readIndicatorRequest(actor, params);
  if (!request.ok) return { status: 400, view: null };
  const rubric = content.rubric();
  // The indicators and indicator 2's names (positions, modules) are independent reads: they run together.
  const [data, { dimensions }, names] = await Promise.all([
    rubric.then((r) => loadIndicators(db, request.scope, rubricShape({ data: r }))),
    rubric,
    number === '2' ? namesFor(db, content) : null,
  ]);
  const listed = number === '1' ? data.i1.structures : number === '2' ? data.pairs : data.i3.perKube;
  const base: DetailBase = {
    data,
    params: request.params,
    query: `?${request.params.toString()}`,
    kubes: new Map(data.kubes.map((k) => [k.id, k])),
    shown: pageWindow(params, listed.length),
  };
  if (number === '1')
    return { status: 200, view: { ...base, number, structures: pageOf(data.i1.structures, base.shown) } };
  if (number === '2' && names) {
    const pairs = pageOf(data.pairs, base.shown).map((p) => ({ ...p, g: normalizedGain(p.pre.score, p.post.score) }));
    return { status: 200, view: { ...base, number: '2', pairs, ...names } };
  }
  return {
    status: 200,
    view: {
      ...base,
      number: '3',
      perKube: pageOf(data.i3.perKube, base.shown),
      business: new Map(data.business.map((b) => [b.kubeId, b])),
      programDimensions: dimensions.filter((d) => d.kind === 'program').map((d) => ({ id: d.id, title: d.title })),
    },
  };
}
