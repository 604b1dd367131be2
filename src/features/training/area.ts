import { and, asc, eq, isNotNull, max, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { kubes, workshops } from '../../../db/schema.ts';
import { daysBefore } from '../../lib/dates.ts';
import { pageWindow, type PageWindow } from '../../lib/pages.ts';
import { chooseArea, isAreaChosen, type Area, type AreaChoice } from '../kube/area-choice.ts';
import { areaConditions, listAreas } from '../kube/areas.ts';
import { loadSessions } from './service.ts';

// The admin's view of training across the district (`/admin/pelatihan`): per kabupaten, kecamatan or desa,
// each KUBE's last training (its last workshop held), the sessions held against those planned this year, and
// the KUBEs with no training in the last 90 days, those first. A training is a workshop held: an officer's study
// alone on a phone is not one.

/** A KUBE untrained this long is named. */
export const UNTRAINED_DAYS = 90;

export type AreaKube = {
  id: string;
  name: string;
  desa: string;
  kecamatan: string;
  lastTraining: string | null;
  untrained: boolean;
  planned: number;
  held: number;
};

export type TrainingArea = {
  areas: Area[];
  choice: AreaChoice;
  /** Only the KUBEs with no training in the last 90 days (`?tanpa=1`). */
  untrainedOnly: boolean;
  filtered: boolean;
  totals: { kubes: number; untrained: number; planned: number; held: number };
  shown: PageWindow;
  rows: AreaKube[];
  year: number;
  /** The first day of the 90: a KUBE whose last training is before it is untrained. */
  since: string;
};

export async function loadTrainingArea(db: Executor, params: URLSearchParams, today: string): Promise<TrainingArea> {
  const areas = await listAreas(db);
  const choice = chooseArea(params, areas);
  const untrainedOnly = params.get('tanpa') === '1';
  const year = Number(today.slice(0, 4));
  const since = daysBefore(today, UNTRAINED_DAYS);
  const last = db
    .select({ kubeId: workshops.kubeId, day: max(workshops.date).as('day') })
    .from(workshops)
    // A retention workshop checks what stayed; it is not a training.
    .where(and(isNotNull(workshops.closedAt), eq(workshops.purpose, 'learning')))
    .groupBy(workshops.kubeId)
    .as('last');
  const untrained = sql`(${last.day} is null or ${last.day} < ${since})`;
  const area = and(...areaConditions(choice));
  const rows = await db
    .select({
      id: kubes.id,
      name: kubes.name,
      desa: kubes.desa,
      kecamatan: kubes.kecamatan,
      lastTraining: last.day,
      untrained: sql<number>`${untrained}`,
    })
    .from(kubes)
    .leftJoin(last, eq(last.kubeId, kubes.id))
    .where(area)
    // The untrained first, the longest untrained first among them; then by name.
    .orderBy(sql`${untrained} desc`, sql`coalesce(${last.day}, '')`, asc(kubes.name), asc(kubes.id));
  const listed = untrainedOnly ? rows.filter((row) => row.untrained === 1) : rows;
  const shown = pageWindow(params, listed.length);
  const pageRows = listed.slice(shown.offset, shown.offset + shown.limit);
  const sessions = await loadSessions(
    db,
    rows.map((row) => row.id),
    { from: year, to: year },
    today,
  );
  const byKube = new Map<string, { planned: number; held: number }>();
  for (const session of sessions) {
    const entry = byKube.get(session.kubeId) ?? { planned: 0, held: 0 };
    entry.planned += 1;
    if (session.status === 'done') entry.held += 1;
    byKube.set(session.kubeId, entry);
  }
  return {
    areas,
    choice,
    untrainedOnly,
    filtered: untrainedOnly || isAreaChosen(choice),
    totals: {
      kubes: rows.length,
      untrained: rows.filter((row) => row.untrained === 1).length,
      planned: sessions.length,
      held: sessions.filter((session) => session.status === 'done').length,
    },
    shown,
    rows: pageRows.map((row) => ({
      ...row,
      untrained: row.untrained === 1,
      planned: byKube.get(row.id)?.planned ?? 0,
      held: byKube.get(row.id)?.held ?? 0,
    })),
    year,
    since,
  };
}
