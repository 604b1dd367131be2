import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { kubes } from '../../../db/schema.ts';

/** KUBEs for a select list, by name; `only` narrows them (a facilitator's assigned KUBEs). */
export async function listKubeOptions(db: Executor, only?: readonly string[]) {
  if (only?.length === 0) return [];
  return db
    .select({ id: kubes.id, name: kubes.name, desa: kubes.desa })
    .from(kubes)
    .where(only ? inArray(kubes.id, [...only]) : undefined)
    .orderBy(asc(kubes.name));
}
