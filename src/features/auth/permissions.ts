import type { Role } from '../../../db/schema.ts';

/** Who is asking: filled by the middleware from the session, the membership and the assignments. */
export type Actor = {
  id: string;
  role: Role;
  /** The KUBE the person currently belongs to, if any. */
  kubeId: string | null;
  /** KUBEs a facilitator is assigned to; empty for every other role. */
  assignedKubeIds: readonly string[];
};

/** The KUBEs a person may look across in lists and reports: a facilitator's own, every KUBE (undefined) for an admin. */
export const visibleKubeIds = (actor: Actor): readonly string[] | undefined =>
  actor.role === 'admin' ? undefined : actor.assignedKubeIds;

/** Everything a page, action or endpoint may ask permission for. */
export type Permission =
  | 'admin.area' // the admin screens as a whole
  | 'kube.create'
  | 'kube.view'
  | 'kube.edit'
  | 'kube.assignFacilitator'
  | 'kube.recordPosition'
  | 'facilitator.area' // the facilitator screens as a whole
  | 'person.create'
  | 'person.view'
  | 'person.edit'
  | 'account.self'
  | 'learning.study' // read lessons and record one's own progress
  | 'test.grant' // waive a pre-test, open a post-test, allow a retake for a person of the KUBE
  | 'workshop.run' // create and run workshops for a KUBE
  | 'person.resetPin' // give a member of the KUBE a new PIN (they forgot it at a workshop)
  | 'report.view' // gain reports: of a KUBE (target.kubeId), or the report screens as a whole
  | 'indicators.view' // the success-indicator dashboard (facilitators see their KUBEs only)
  | 'indicators.setTarget' // the yearly targets of the indicators
  | 'capacity.record' // capacity assessments and business facts (channels, products, partnerships) of a KUBE
  | 'practice.score' // score a person of the KUBE doing a practical task (content/tasks), or correct the score
  | 'certificate.withdraw' // withdraw a certificate, with a reason (admins only)
  | 'device.manage' // every paired field laptop: list it, revoke it, import any device's paket lapangan
  | 'device.own'; // a facilitator's own field laptops (target.personId: the device's facilitator): see, import

export type Target = { kubeId?: string | null; personId?: string | null };

const staffOnly = new Set<Permission>([
  'admin.area',
  'kube.create',
  'kube.edit',
  'kube.assignFacilitator',
  'person.create',
  'person.edit',
  'indicators.setTarget',
  'certificate.withdraw',
  'device.manage',
]);

/**
 * May `actor` do `permission` to `target`? Deny by default: every permission is listed here, and a
 * case that is not matched answers no. Admins may do everything; facilitators act only inside the KUBEs
 * assigned to them; members and officers see only themselves and their own KUBE.
 */
export function can(actor: Actor | null | undefined, permission: Permission, target: Target = {}): boolean {
  if (!actor) return false;
  if (actor.role === 'admin') return true;
  if (staffOnly.has(permission)) return false;

  const assigned = (kubeId: string | null | undefined) =>
    actor.role === 'pendamping' && !!kubeId && actor.assignedKubeIds.includes(kubeId);
  const own = (kubeId: string | null | undefined) => !!kubeId && kubeId === actor.kubeId;

  switch (permission) {
    case 'account.self':
    case 'learning.study':
      return true;
    case 'facilitator.area':
      return actor.role === 'pendamping';
    case 'kube.view':
      return assigned(target.kubeId) || own(target.kubeId);
    case 'kube.recordPosition':
    case 'test.grant':
    case 'workshop.run':
    case 'person.resetPin':
      return assigned(target.kubeId);
    case 'person.view':
      return target.personId === actor.id || assigned(target.kubeId);
    case 'indicators.view':
      return actor.role === 'pendamping';
    case 'capacity.record':
    case 'practice.score':
      return assigned(target.kubeId);
    case 'device.own':
      return actor.role === 'pendamping' && (target.personId === undefined || target.personId === actor.id);
    case 'report.view':
      return actor.role === 'pendamping' && (target.kubeId === undefined || assigned(target.kubeId));
    default:
      return false;
  }
}
