import { forbidden, notFound } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { can } from '../auth/permissions.ts';
import { getKube } from './queries.ts';

/**
 * The caller may record capacity assessments and business facts for this KUBE, which exists. Shared by the
 * capacity and facts actions, which keep the same rule. Returns the caller's id.
 */
export async function requireKubeRecorder(kubeId: string, { actor, t }: App.Locals): Promise<string> {
  if (!actor || !can(actor, 'capacity.record', { kubeId })) throw forbidden(t);
  if (!(await getKube(db, kubeId))) throw notFound(t);
  return actor.id;
}
