import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, testPermissions } from '../../../db/schema.ts';
import { allowancesFor, type Allowance } from './allowances.ts';
import { loadTestState } from './service.ts';
import type { TestKind } from './types.ts';

/** Every attempt of a person, open ones included, oldest first. */
export async function listAllAttempts(db: Executor, personId: string) {
  return db.select().from(attempts).where(eq(attempts.personId, personId)).orderBy(asc(attempts.startedAt));
}

/** The allowances a facilitator gave a person, across modules. */
export async function listPermissions(db: Executor, personId: string) {
  return db.select().from(testPermissions).where(eq(testPermissions.personId, personId));
}

export type ModuleFacilitation = {
  moduleSlug: string;
  /** Handed-in attempts per test, oldest first. */
  pre: { id: string; score: number }[];
  post: { id: string; score: number }[];
  /** Retention tests handed in (at most one counts). */
  retention: { id: string; score: number }[];
  allowances: Allowance[];
};

/**
 * The per-person page of a facilitator, one entry per module: the handed-in tests and the allowances that fit
 * the person's state. Lessons are taken as not all done: that only matters for the test gate, not the offers.
 */
export async function loadFacilitation(
  db: Executor,
  personId: string,
  moduleSlugs: readonly string[],
): Promise<ModuleFacilitation[]> {
  const all = await listAllAttempts(db, personId);
  return Promise.all(
    moduleSlugs.map(async (moduleSlug) => {
      const handedIn = (kind: TestKind) =>
        all
          .filter((a) => a.moduleSlug === moduleSlug && a.kind === kind && a.submittedAt)
          .map((a) => ({ id: a.id, score: a.score ?? 0 }));
      const state = await loadTestState(db, personId, moduleSlug, false);
      return {
        moduleSlug,
        pre: handedIn('pre'),
        post: handedIn('post'),
        retention: handedIn('retention'),
        allowances: allowancesFor(state),
      };
    }),
  );
}
