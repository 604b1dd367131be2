import type { Translate } from '../../i18n/index.ts';
import type { Quarter } from './regular-training.ts';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** A quarter as reports name it: "Triwulan II 2026". */
export const quarterLabel = (t: Translate, q: Pick<Quarter, 'year' | 'quarter'>): string =>
  t('indicators.i4.quarter', { roman: ROMAN[q.quarter - 1] ?? String(q.quarter), year: q.year });
