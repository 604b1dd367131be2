import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, testPermissions } from '../../../db/schema.ts';

/** Every attempt of a person, open ones included, oldest first. */
export async function listAllAttempts(db: Executor, personId: string) {
  return db.select().from(attempts).where(eq(attempts.personId, personId)).orderBy(asc(attempts.startedAt));
}

/** The allowances a facilitator gave a person, across modules. */
export async function listPermissions(db: Executor, personId: string) {
  return db.select().from(testPermissions).where(eq(testPermissions.personId, personId));
}
