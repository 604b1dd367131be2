import type { Translate } from '../../i18n/index.ts';
import { sexGroupLabel } from '../analytics/sex-table.ts';
import type { SexGroup } from '../analytics/by-sex.ts';
import { indicator2Status, type GainGroup, type IndicatorStatus, type Targets } from './compute.ts';

// Indicator 2 by sex as both downloads write it (csv.ts, xlsx.ts): one row per group with the indicator's own
// figures and its status against the year's targets, the same as the detail page's table.

export type SexLine = {
  label: string;
  /** Officers and test pairs; 0 pairs: the row says nobody instead of figures. */
  people: number;
  pairs: number;
  classGain: number | null;
  masteryAfter: number | null;
  status: IndicatorStatus;
};

export function i2SexLines(
  groups: readonly (GainGroup & { key: SexGroup })[],
  targets: Targets,
  t: Translate,
): SexLine[] {
  return groups.map((g) => ({
    label: sexGroupLabel(t, g.key),
    people: g.people,
    pairs: g.n,
    classGain: g.classGain,
    masteryAfter: g.masteryAfter,
    status: indicator2Status(g, targets),
  }));
}

/** The header of the table by sex, after the group's label. */
export const i2SexHeader = (t: Translate) => [
  t('indicators.detail.n'),
  t('indicators.detail.pairs'),
  t('indicators.detail.classGain'),
  t('indicators.detail.masteryAfter'),
  t('indicators.detail.status'),
];
