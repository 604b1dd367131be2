import type { Message } from '../../lib/errors.ts';
import type { SelectOption } from '../../lib/select-option.ts';
import type { Executor } from '../../../db/client.ts';
import { todayIso } from '../../lib/dates.ts';
import { visibleKubeIds, type Actor } from '../auth/permissions.ts';
import { rubricShape } from '../capacity/rubric.ts';
import { siteContent, type IndicatorContent } from './content.ts';
import { listScopeKubes, loadIndicators, type IndicatorScope } from './data.ts';
import { readIndicatorRequest } from './query.ts';

// Everything the success-indicator dashboard decides before it renders: the area filter's choices, the
// filters as typed, and (for good filters) the indicators with the figures its three sections show.

export type Indicators = Awaited<ReturnType<typeof loadIndicators>>;

export type DashboardView = {
  data: Indicators;
  scope: IndicatorScope;
  /** The filters, cleaned, for links to the drill-downs and the CSV, e.g. `?dari=…&sampai=…`. */
  params: URLSearchParams;
  query: string;
  /** Indicator 3's program dimensions, by title. */
  dimensions: (Indicators['i3']['dimensions'][number] & { title: string })[];
  /** Each KUBE's recorded facts on the period's last day, summed. */
  business: { partnerships: number; channels: number; digital: number; products: number };
  /** The trend charts' points, in percent with one decimal. */
  series: {
    i1: (number | null)[];
    i2Gain: (number | null)[];
    i2Mastery: (number | null)[];
    i3: (number | null)[];
    i4: (number | null)[];
    i4Quarter: (number | null)[];
  };
};

export type Dashboard = {
  /** 400 when the filters are refused: the form shows why and nothing is computed. */
  status: 200 | 400;
  /** Message keys (`lib/forms.ts` translateMessage) by field. */
  errors: Record<string, Message>;
  /** The filters as typed, the period as used when none was typed. */
  values: {
    kabupaten: string | null;
    kecamatan: string | null;
    desa: string | null;
    dari: string | undefined;
    sampai: string | undefined;
    /** Indicator 2's officers by recorded sex, as typed. */
    jk: string | null;
  };
  /** The area filter's choices: places of the KUBEs the person may see, each narrowed by the wider one. */
  options: { kabupaten: SelectOption[]; kecamatan: SelectOption[]; desa: SelectOption[] };
  view: DashboardView | null;
};

const asPercent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const options = (values: string[]): SelectOption[] =>
  [...new Set(values)].sort().map((value) => ({ value, label: value }));
const sum = (rows: Indicators['business'], pick: (row: Indicators['business'][number]) => number) =>
  rows.reduce((total, row) => total + pick(row), 0);

async function loadView(
  db: Executor,
  request: { scope: IndicatorScope; params: URLSearchParams },
  content: IndicatorContent,
): Promise<DashboardView> {
  const rubric = await content.rubric();
  const data = await loadIndicators(db, request.scope, rubricShape({ data: rubric }));
  const titles = new Map(rubric.dimensions.map((d) => [d.id, d.title]));
  return {
    data,
    scope: request.scope,
    params: request.params,
    query: `?${request.params.toString()}`,
    dimensions: data.i3.dimensions
      .filter((d) => d.kind === 'program')
      .map((d) => ({ ...d, title: titles.get(d.dimension) ?? d.dimension })),
    business: {
      partnerships: sum(data.business, (b) => b.partnerships),
      channels: sum(data.business, (b) => b.channels),
      digital: sum(data.business, (b) => b.digitalChannels),
      products: sum(data.business, (b) => b.products),
    },
    series: {
      i1: data.i1Series.map((m) => asPercent(m.value)),
      i2Gain: data.i2Series.map((m) => asPercent(m.classGain)),
      i2Mastery: data.i2Series.map((m) => asPercent(m.masteryAfter)),
      i3: data.i3Series.map((m) => asPercent(m.value)),
      i4: data.i4Series.map(asPercent),
      i4Quarter: data.i4QuarterSeries.map(asPercent),
    },
  };
}

/** The dashboard for one person and the filters in the address (`?kabupaten&kecamatan&desa&dari&sampai`). */
export async function loadDashboard(
  db: Executor,
  actor: Actor,
  params: URLSearchParams,
  content: IndicatorContent = siteContent,
  today = todayIso(),
): Promise<Dashboard> {
  const request = readIndicatorRequest(actor, params, today);
  // The filter's places and the indicators are independent reads: they run together.
  const [visible, view] = await Promise.all([
    listScopeKubes(db, { allowedKubeIds: visibleKubeIds(actor), from: '2000-01-01', to: today }),
    request.ok ? loadView(db, request, content) : null,
  ]);
  const raw = (key: string) => params.get(key);
  const kabupaten = raw('kabupaten');
  const kecamatan = raw('kecamatan');
  return {
    status: request.ok ? 200 : 400,
    errors: request.ok ? {} : request.errors,
    values: {
      kabupaten,
      kecamatan,
      desa: raw('desa'),
      dari: raw('dari') ?? view?.scope.from,
      sampai: raw('sampai') ?? view?.scope.to,
      jk: raw('jk'),
    },
    options: {
      kabupaten: options(visible.map((k) => k.kabupaten)),
      kecamatan: options(visible.filter((k) => !kabupaten || k.kabupaten === kabupaten).map((k) => k.kecamatan)),
      desa: options(visible.filter((k) => !kecamatan || k.kecamatan === kecamatan).map((k) => k.desa)),
    },
    view,
  };
}
