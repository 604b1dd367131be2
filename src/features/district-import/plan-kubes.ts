import { matchKey } from './columns.ts';
import type { Existing } from './existing.ts';
import type { PlannedKube, RowIssue } from './plan-types.ts';
import type { ImportRow } from './schemas.ts';
import { newId } from '../../lib/ids.ts';

type Place = Pick<ImportRow, 'kabupaten' | 'kecamatan' | 'desa' | 'kubeName'>;

/** A KUBE is the same KUBE when kabupaten, kecamatan, desa and name match, case- and space-insensitive. */
export const kubeKey = (place: Place) =>
  [place.kabupaten, place.kecamatan, place.desa, place.kubeName].map(matchKey).join('\u0000');

/**
 * The KUBEs the rows name, existing ones matched and new ones planned. A new KUBE takes its provinsi from
 * its rows' Provinsi column, else from a KUBE already in its kabupaten (in the database, then in the file).
 */
export function planKubes(
  rows: { row: number; data: ImportRow }[],
  existing: Existing,
  errors: RowIssue[],
): Map<string, PlannedKube> {
  const known = new Map(existing.kubes.map((kube) => [kubeKey({ ...kube, kubeName: kube.name }), kube]));
  const provinsiOf = new Map<string, string>();
  for (const kube of existing.kubes) provinsiOf.set(matchKey(kube.kabupaten), kube.provinsi);
  const planned = new Map<string, PlannedKube>();
  for (const { row, data } of rows) {
    const key = kubeKey(data);
    const current = planned.get(key);
    if (current) {
      if (!current.provinsi && data.provinsi) current.provinsi = data.provinsi;
      continue;
    }
    const found = known.get(key);
    planned.set(
      key,
      found
        ? { key, ...found, isNew: false, firstRow: row }
        : {
            key,
            id: newId(),
            isNew: true,
            name: data.kubeName,
            desa: data.desa,
            kecamatan: data.kecamatan,
            kabupaten: data.kabupaten,
            provinsi: data.provinsi ?? '',
            firstRow: row,
          },
    );
  }
  for (const kube of planned.values()) {
    if (kube.isNew && kube.provinsi && !provinsiOf.has(matchKey(kube.kabupaten))) {
      provinsiOf.set(matchKey(kube.kabupaten), kube.provinsi);
    }
  }
  for (const kube of planned.values()) {
    if (!kube.isNew || kube.provinsi) continue;
    const provinsi = provinsiOf.get(matchKey(kube.kabupaten));
    if (provinsi) kube.provinsi = provinsi;
    else {
      errors.push({
        row: kube.firstRow,
        column: 'provinsi',
        message: { key: 'import.errors.provinsi', params: { kabupaten: kube.kabupaten } },
      });
    }
  }
  return planned;
}
