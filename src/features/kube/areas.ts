import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { kubes } from '../../../db/schema.ts';
import type { Area, AreaChoice } from './area-choice.ts';

// The places of the KUBEs, for the lists' area filter. One read of `kubes_region_idx` (it covers the three
// columns), not a query per KUBE: a district of 1,000 KUBEs has a few hundred desa.

/** The distinct kabupaten/kecamatan/desa of the KUBEs the person may see (`only`: a facilitator's), sorted. */
export async function listAreas(db: Executor, only?: readonly string[]): Promise<Area[]> {
  if (only?.length === 0) return [];
  return db
    .selectDistinct({ kabupaten: kubes.kabupaten, kecamatan: kubes.kecamatan, desa: kubes.desa })
    .from(kubes)
    .where(only ? inArray(kubes.id, [...only]) : undefined)
    .orderBy(asc(kubes.kabupaten), asc(kubes.kecamatan), asc(kubes.desa));
}

/** The chosen area as conditions on `kubes` (for a query that reads or joins it). */
export function areaConditions(choice: AreaChoice): SQL[] {
  const conditions: SQL[] = [];
  if (choice.kabupaten) conditions.push(eq(kubes.kabupaten, choice.kabupaten));
  if (choice.kecamatan) conditions.push(eq(kubes.kecamatan, choice.kecamatan));
  if (choice.desa) conditions.push(eq(kubes.desa, choice.desa));
  return conditions;
}
