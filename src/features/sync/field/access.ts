import type { Actor } from '../../auth/permissions.ts';
import { can } from '../../auth/permissions.ts';
import type { FieldLink } from './link.ts';

// Who may use the field laptop's screen. On a paired laptop: its own facilitator (the one who paired it) and an
// admin of this server. On a server that is not paired, the page only explains what a field laptop is, to staff.

/** May `actor` send this laptop's data, download its paket lapangan, or watch a sync? Nobody, when not paired. */
export const maySendFieldData = (actor: Actor | null | undefined, link: FieldLink | null): boolean =>
  !!actor && link !== null && (actor.role === 'admin' || (actor.role === 'pendamping' && actor.id === link.personId));

/** May `actor` open /lapangan? */
export const mayViewFieldPage = (actor: Actor | null | undefined, link: FieldLink | null): boolean =>
  link === null ? can(actor, 'facilitator.area') : maySendFieldData(actor, link);
