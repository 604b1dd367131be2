import type { Database } from '../../../../db/client.ts';
import type { Actor } from '../../auth/permissions.ts';
import { mayViewFieldPage } from './access.ts';
import { readFieldLink } from './link.ts';
import { fieldStatus, type FieldStatus } from './status.ts';

/** What /lapangan shows: a refusal, the explanation of an unpaired server, or this laptop's status. */
export type FieldPage =
  { status: 403 } | { status: 200; paired: false } | { status: 200; paired: true; field: FieldStatus };

export async function loadFieldPage(db: Database, actor: Actor | null): Promise<FieldPage> {
  const link = await readFieldLink(db);
  if (!mayViewFieldPage(actor, link)) return { status: 403 };
  const field = await fieldStatus(db);
  return field ? { status: 200, paired: true, field } : { status: 200, paired: false };
}
