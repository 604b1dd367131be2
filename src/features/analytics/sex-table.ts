import { SEXES } from '../../../db/schema.ts';
import type { Translate } from '../../i18n/index.ts';
import type { SelectOption } from '../../lib/select-option.ts';
import type { SexGroup } from './by-sex.ts';
import type { SexRow } from './compute.ts';

// "Menurut jenis kelamin": the gain report's main figures by sex, as the page, the CSV and the workbook show
// them: the same columns in the same order, each a number with its decimals (a share as a percentage).

export type SexColumn = {
  header: string;
  value: (row: SexRow) => number | null;
  digits: number;
  percent?: true;
};

/** The label of a group: Laki-laki, Perempuan, Tidak diketahui, Semua. */
export const sexGroupLabel = (t: Translate, group: SexGroup) => t(`report.sex.${group}`);

/** The columns after the group's label. */
export const sexColumns = (t: Translate): SexColumn[] => [
  { header: t('report.bySex.col.pairs'), value: (row) => row.n, digits: 0 },
  { header: t('report.bySex.col.meanPre'), value: (row) => row.meanPre, digits: 1 },
  { header: t('report.bySex.col.meanPost'), value: (row) => row.meanPost, digits: 1 },
  { header: t('report.bySex.col.meanGain'), value: (row) => row.meanGain, digits: 1 },
  { header: t('report.bySex.col.masteryAfter'), value: (row) => row.masteryAfter, digits: 1, percent: true },
];

/** How a filter's `jk` reads: Laki-laki, Perempuan, or both (everyone, the not recorded too). */
export const sexFilterLabel = (t: Translate, sex: string | null | undefined) =>
  sex === 'L' || sex === 'P' ? sexGroupLabel(t, sex) : t('report.filter.sex.all');

/** The filter's choices after its empty one (both): Laki-laki, Perempuan. */
export const sexOptions = (t: Translate): SelectOption[] =>
  SEXES.map((value) => ({ value, label: sexGroupLabel(t, value) }));
