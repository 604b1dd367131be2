import type { Connection } from '../../../db/client.ts';
import { kubeProducts, kubes, lessonVisits } from '../../../db/schema.ts';
import { withOrigin } from '../../../src/features/sync/rows.ts';
import { OTHER_KUBE } from './field-kit.ts';

// Records written straight into a field server's database, as its own writes (the change log records them with
// no origin, so the next push sends them): what the field-kit test needs beyond what its screens make.

/** The lesson visit ids `addLessonVisits` writes, in order. */
export const visitId = (i: number, prefix = 'fkvisit') => `${prefix}${String(i).padStart(5, '0')}`;

/**
 * `count` lesson visits of the members, as the own writes of the server behind `side`: on a field laptop enough
 * rows for a push of several batches, at the district enough changes for a pull of several pages.
 */
export async function addLessonVisits(
  side: Connection,
  personIds: readonly string[],
  count: number,
  prefix = 'fkvisit',
): Promise<void> {
  const at = Date.now();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: visitId(i, prefix),
    personId: personIds[i % personIds.length] ?? '',
    moduleSlug: 'usaha-produk',
    lessonId: 'usaha-produk/01-memilih-usaha',
    visitedAt: new Date(at + i),
  }));
  for (let start = 0; start < rows.length; start += 200) {
    await side.db.insert(lessonVisits).values(rows.slice(start, start + 200));
  }
}

/**
 * A product of a KUBE the field's facilitator is not assigned to, written into the field's database as if the
 * laptop had recorded it: the district must refuse it and list it. The KUBE itself arrives as a pull would
 * bring it (origin 'district'), so the product's reference holds.
 */
export async function addForeignProduct(field: Connection, id: string): Promise<void> {
  await field.db.transaction(async (tx) => {
    await withOrigin(tx, 'district', () =>
      tx
        .insert(kubes)
        .values({
          id: OTHER_KUBE,
          name: 'Sejahtera Seberang',
          desa: 'Singkalanyar',
          kecamatan: 'Prambon',
          kabupaten: 'Nganjuk',
          provinsi: 'Jawa Timur',
        })
        .onConflictDoNothing(),
    );
  });
  await field.db
    .insert(kubeProducts)
    .values({ id, kubeId: OTHER_KUBE, name: 'Keripik seberang', startedOn: '2026-01-05' });
}

/**
 * A paket lapangan with one byte of one row changed: the first digit inside the first row becomes another
 * digit, so the file is still valid JSON of the right shape and only its signature can tell.
 */
export function tamperOneByte(text: string): string {
  const rowAt = text.search(/"row":\s*\{/);
  if (rowAt < 0) throw new Error('no row in the package');
  const digit = text.slice(rowAt).search(/[0-9]/);
  if (digit < 0) throw new Error('no digit in the package rows');
  const at = rowAt + digit;
  const changed = String((Number(text[at]) + 1) % 10);
  return text.slice(0, at) + changed + text.slice(at + 1);
}
