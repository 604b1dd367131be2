import type { SelectOption } from '../../lib/select-option.ts';

// The area filter of the lists (kabupaten → kecamatan → desa), as plain functions: which choice in the address
// is still a place the person may see, and which places each select offers.

/** One place where a KUBE is: its desa, in its kecamatan, in its kabupaten. */
export type Area = { kabupaten: string; kecamatan: string; desa: string };

/** The area chosen, narrowest last; a level is null when not chosen (or not valid for the wider one). */
export type AreaChoice = { kabupaten: string | null; kecamatan: string | null; desa: string | null };

export const NO_AREA: AreaChoice = { kabupaten: null, kecamatan: null, desa: null };

export const AREA_KEYS = ['kabupaten', 'kecamatan', 'desa'] as const;

/**
 * The area in `?kabupaten=&kecamatan=&desa=`, kept only as far as it names places in `areas`: a kecamatan counts
 * only inside the chosen kabupaten, a desa only inside the chosen kecamatan. A stale or made-up value is dropped
 * with everything narrower, so an old bookmark shows a wider list rather than an error.
 */
export function chooseArea(params: URLSearchParams, areas: readonly Area[]): AreaChoice {
  const kabupaten = params.get('kabupaten')?.trim() ?? '';
  const inKabupaten = areas.filter((a) => a.kabupaten === kabupaten);
  if (inKabupaten.length === 0) return NO_AREA;
  const kecamatan = params.get('kecamatan')?.trim() ?? '';
  const inKecamatan = inKabupaten.filter((a) => a.kecamatan === kecamatan);
  if (inKecamatan.length === 0) return { ...NO_AREA, kabupaten };
  const desa = params.get('desa')?.trim() ?? '';
  return { kabupaten, kecamatan, desa: inKecamatan.some((a) => a.desa === desa) ? desa : null };
}

const optionsOf = (values: readonly string[]): SelectOption[] =>
  [...new Set(values)].sort((a, b) => a.localeCompare(b, 'id')).map((value) => ({ value, label: value }));

/** Each select's places: every kabupaten; the kecamatan of the chosen kabupaten; the desa of the chosen kecamatan. */
export function areaOptions(areas: readonly Area[], choice: AreaChoice): Record<keyof AreaChoice, SelectOption[]> {
  const inKabupaten = areas.filter((a) => a.kabupaten === choice.kabupaten);
  return {
    kabupaten: optionsOf(areas.map((a) => a.kabupaten)),
    kecamatan: choice.kabupaten ? optionsOf(inKabupaten.map((a) => a.kecamatan)) : [],
    desa: choice.kecamatan
      ? optionsOf(inKabupaten.filter((a) => a.kecamatan === choice.kecamatan).map((a) => a.desa))
      : [],
  };
}

export const isAreaChosen = (choice: AreaChoice): boolean => choice.kabupaten !== null;

/** The chosen area as address parameters, e.g. to carry it into a link. */
export function areaParams(choice: AreaChoice): [string, string][] {
  return AREA_KEYS.flatMap((key) => (choice[key] ? [[key, choice[key]] as [string, string]] : []));
}
