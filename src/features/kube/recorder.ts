import { ActionError } from 'astro:actions';
import { db } from '../../lib/db.ts';
import { can } from '../auth/permissions.ts';
import { getKube } from './queries.ts';

/**
 * The caller may record capacity assessments and business facts for this KUBE, which exists. Shared by the
 * capacity and facts actions, which keep the same rule. Returns the caller's id.
 */
export async function requireKubeRecorder(kubeId: string, actor: App.Locals['actor']): Promise<string> {
  if (!actor || !can(actor, 'capacity.record', { kubeId }))
    throw new ActionError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
  if (!(await getKube(db, kubeId))) throw new ActionError({ code: 'NOT_FOUND', message: 'errors.notFound' });
  return actor.id;
}
