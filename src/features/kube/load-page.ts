import type { Executor } from '../../../db/client.ts';
import { positions } from '../../../db/schema.ts';
import { isoDate } from '../../lib/forms.ts';
import { latestAllowedDate, todayIso } from '../../lib/dates.ts';
import { can, type Actor } from '../auth/permissions.ts';
import { listChangesOf } from '../history/changes.ts';
import {
  getKube,
  listFacilitatorCandidates,
  listFacilitators,
  listJabatan,
  listMembers,
  listPositionHistory,
  structureOn,
} from './queries.ts';

/**
 * The day whose structure the page shows: the asked `?tanggal=` when it is a real day that is not in the
 * future anywhere in Indonesia, otherwise today.
 */
export function structureDate(asked: string | null, now = new Date()): string {
  const today = todayIso(now);
  return asked && isoDate().safeParse(asked).success && asked <= latestAllowedDate(now) ? asked : today;
}

/**
 * Everything the KUBE page shows, or null when there is no such KUBE. Access to the page itself is checked by
 * the page; here only what the actor may do decides what is loaded (candidates only for those who assign).
 */
export async function loadKubePage(db: Executor, actor: Actor, kubeId: string, asked: string | null, now = new Date()) {
  const date = structureDate(asked, now);
  const canAssign = can(actor, 'kube.assignFacilitator', { kubeId });
  const [kube, members, structure, { history, corrections }, jabatan, facilitators, candidates] = await Promise.all([
    getKube(db, kubeId),
    listMembers(db, kubeId),
    structureOn(db, kubeId, date),
    // Every correction of every position, for the history beside each record.
    listPositionHistory(db, kubeId).then(async (history) => ({
      history,
      corrections: await listChangesOf(
        db,
        positions,
        history.map((position) => position.positionId),
      ),
    })),
    listJabatan(db),
    listFacilitators(db, kubeId),
    canAssign ? listFacilitatorCandidates(db) : Promise.resolve(null),
  ]);
  if (!kube) return null;
  const assigned = new Set(facilitators.map((person) => person.personId));
  return {
    kube,
    date,
    today: todayIso(now),
    latestDate: latestAllowedDate(now),
    canRecord: can(actor, 'kube.recordPosition', { kubeId }),
    canAssign,
    members,
    structure,
    history,
    corrections,
    jabatan,
    facilitators,
    /** Facilitators who may still be assigned; null for someone who may not assign. */
    candidates: candidates?.filter((person) => !assigned.has(person.personId)) ?? null,
  };
}

export type KubePage = NonNullable<Awaited<ReturnType<typeof loadKubePage>>>;
