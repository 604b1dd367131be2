import type { Executor } from '../../../db/client.ts';
import { kubeChannels, kubePartnerships, kubeProducts, kubeTurnover } from '../../../db/schema.ts';
import { latestAllowedDate, todayIso } from '../../lib/dates.ts';
import { listChangesOf } from '../history/changes.ts';
import { getKube } from '../kube/queries.ts';
import { listFacts, turnoverRecordId } from './service.ts';

/** A KUBE's business facts page: its facts and the corrections of each, or null when there is no such KUBE. */
export async function loadFactsPage(db: Executor, kubeId: string, now = new Date()) {
  const [kube, facts] = await Promise.all([getKube(db, kubeId), listFacts(db, [kubeId])]);
  if (!kube) return null;
  const idsOf = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
  const turnoverIds = facts.turnover.map((row) => turnoverRecordId(kubeId, row.month));
  const [channels, products, partnerships, turnover] = await Promise.all([
    listChangesOf(db, kubeChannels, idsOf(facts.channels)),
    listChangesOf(db, kubeProducts, idsOf(facts.products)),
    listChangesOf(db, kubePartnerships, idsOf(facts.partnerships)),
    listChangesOf(db, kubeTurnover, turnoverIds),
  ]);
  return {
    kube,
    facts,
    changes: { channels, products, partnerships, turnover },
    today: todayIso(now),
    latestDate: latestAllowedDate(now),
  };
}
