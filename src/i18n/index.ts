import enAssessment from './en/assessment.json';
import enAuth from './en/auth.json';
import enCapacity from './en/capacity.json';
import enCertificates from './en/certificates.json';
import enCommon from './en/common.json';
import enFacts from './en/facts.json';
import enImport from './en/import.json';
import enIndicators from './en/indicators.json';
import enItemBank from './en/itembank.json';
import enKube from './en/kube.json';
import enLapangan from './en/lapangan.json';
import enLearning from './en/learning.json';
import enPeople from './en/people.json';
import enPerangkat from './en/perangkat.json';
import enPlayer from './en/player.json';
import enPractice from './en/practice.json';
import enReport from './en/report.json';
import enSync from './en/sync.json';
import enTraining from './en/training.json';
import enWorkshop from './en/workshop.json';
import idAssessment from './id/assessment.json';
import idAuth from './id/auth.json';
import idCapacity from './id/capacity.json';
import idCertificates from './id/certificates.json';
import idCommon from './id/common.json';
import idFacts from './id/facts.json';
import idImport from './id/import.json';
import idIndicators from './id/indicators.json';
import idItemBank from './id/itembank.json';
import idKube from './id/kube.json';
import idLapangan from './id/lapangan.json';
import idLearning from './id/learning.json';
import idPeople from './id/people.json';
import idPerangkat from './id/perangkat.json';
import idPlayer from './id/player.json';
import idPractice from './id/practice.json';
import idReport from './id/report.json';
import idSync from './id/sync.json';
import idTraining from './id/training.json';
import idWorkshop from './id/workshop.json';

import { mergeDictionaries } from './merge.ts';

// One dictionary per language, kept as one JSON file per feature so each slice owns its words.
// Indonesian is the source of truth for the keys; a test checks English has exactly the same ones.
const id = mergeDictionaries({
  common: idCommon,
  auth: idAuth,
  assessment: idAssessment,
  capacity: idCapacity,
  certificates: idCertificates,
  facts: idFacts,
  import: idImport,
  indicators: idIndicators,
  itembank: idItemBank,
  kube: idKube,
  lapangan: idLapangan,
  learning: idLearning,
  people: idPeople,
  perangkat: idPerangkat,
  player: idPlayer,
  practice: idPractice,
  report: idReport,
  sync: idSync,
  training: idTraining,
  workshop: idWorkshop,
});
const en = mergeDictionaries({
  common: enCommon,
  auth: enAuth,
  assessment: enAssessment,
  capacity: enCapacity,
  certificates: enCertificates,
  facts: enFacts,
  import: enImport,
  indicators: enIndicators,
  itembank: enItemBank,
  kube: enKube,
  lapangan: enLapangan,
  learning: enLearning,
  people: enPeople,
  perangkat: enPerangkat,
  player: enPlayer,
  practice: enPractice,
  report: enReport,
  sync: enSync,
  training: enTraining,
  workshop: enWorkshop,
});

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';
export const LOCALE_COOKIE = 'bahasa';

export type MessageKey = keyof typeof id;

/** Intl locale tags used for dates and numbers. */
const intlTags: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export const dictionaries = { id, en };

export function isMessageKey(value: string): value is MessageKey {
  return value in id;
}

/** `t('home.greeting', { name })`: looks the key up and fills `{name}`-style placeholders. */
/** `{count:KUBE|KUBEs}` picks the singular or the plural word for the number in `count` (Intl plural rules). */
const PLURAL = /\{(\w+):([^|{}]*)\|([^{}]*)\}/g;

// Intl formatters are costly to make (tens of microseconds each; a report of 1,500 rows made one per number and
// spent most of its rendering there) and never change: one per locale and style, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  key: string,
  make: () => T,
): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

export function useTranslations(locale: Locale): Translate {
  const dict: Record<MessageKey, string> = dictionaries[locale];
  const plural = formatter(`plural/${locale}`, () => new Intl.PluralRules(intlTags[locale]));
  return (key, vars) => {
    const text = dict[key];
    if (!vars) return text;
    return text
      .replace(PLURAL, (_match, name: string, one: string, other: string) => {
        // Counts often arrive formatted ("1.000" in Indonesian, "1,000" in English): read the digits.
        const value = vars[name];
        const count = typeof value === 'number' ? value : Number((value ?? '').replace(/\D/g, '') || NaN);
        return plural.select(count) === 'one' ? one : other;
      })
      .replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match));
  };
}

/** A calendar date (`YYYY-MM-DD`) as people read it, e.g. "17 Agustus 2024". */
export function formatDate(locale: Locale, value: string | null | undefined): string {
  if (!value) return '—';
  return formatter(
    `date/${locale}`,
    () => new Intl.DateTimeFormat(intlTags[locale], { dateStyle: 'long', timeZone: 'UTC' }),
  ).format(new Date(`${value}T00:00:00Z`));
}

/** A month of a year, e.g. "Maret 2027". */
export function formatMonth(locale: Locale, year: number, month: number): string {
  return formatter(
    `month/${locale}`,
    () => new Intl.DateTimeFormat(intlTags[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** The twelve months of a year as choices of a select: value 1–12, label "Maret 2027". */
export function monthOptions(locale: Locale, year: number): { value: string; label: string }[] {
  return Array.from({ length: 12 }, (_, index) => ({
    value: String(index + 1),
    label: formatMonth(locale, year, index + 1),
  }));
}

/** A moment, shown in Western Indonesia Time where the program runs. */
export function formatDateTime(locale: Locale, value: Date): string {
  return formatter(
    `datetime/${locale}`,
    () =>
      new Intl.DateTimeFormat(intlTags[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
  ).format(value);
}

/** A time of day, hours and minutes, in Western Indonesia Time. */
export function formatTime(locale: Locale, value: Date): string {
  return formatter(
    `time/${locale}`,
    () => new Intl.DateTimeFormat(intlTags[locale], { timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
  ).format(value);
}

export function formatNumber(locale: Locale, value: number, digits = 0): string {
  return formatter(
    `number/${locale}/${digits}`,
    () => new Intl.NumberFormat(intlTags[locale], { maximumFractionDigits: digits }),
  ).format(value);
}
