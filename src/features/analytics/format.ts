import { formatNumber, type Locale } from '../../i18n/index.ts';

// How report figures read: one decimal for scores, two for g and effect sizes, p-values with a floor.

export const score = (locale: Locale, value: number | null) => (value === null ? '—' : formatNumber(locale, value, 1));
export const ratio = (locale: Locale, value: number | null) => (value === null ? '—' : formatNumber(locale, value, 2));
export const percent = (locale: Locale, value: number | null) =>
  value === null ? '—' : `${formatNumber(locale, value * 100, 0)}%`;
export const pValue = (locale: Locale, value: number | null) => {
  if (value === null) return '—';
  if (value < 0.001) return `< ${formatNumber(locale, 0.001, 3)}`;
  return formatNumber(locale, value, 3);
};
