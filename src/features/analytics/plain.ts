import { formatNumber, type Locale, type Translate } from '../../i18n/index.ts';
import type { GainReport } from './compute.ts';
import { percent, pValue, ratio, score } from './format.ts';

// The report's figures in plain words first: each line says what the figure means in one sentence a KUBE
// officer can read aloud ("Rata-rata naik 23 poin dari 100"), and names the statistic only after it, small.

export type SummaryLine = {
  /** The plain name of the figure. */
  label: string;
  value: string;
  /** One sentence saying what the value means. */
  meaning: string;
  /** The statistic's technical name and details, shown small; null when the plain name is all there is. */
  technical: string | null;
  /** The figure as a number for a spreadsheet (a share in percent), with the decimals it is written with. */
  number: number | null;
  digits: number;
  percent?: true;
};

/** Cohen's rule of thumb for a standardised effect: below 0.2 very small, 0.5 small, 0.8 medium, above large. */
export function effectSize(dz: number): 'tiny' | 'small' | 'medium' | 'large' {
  const size = Math.abs(dz);
  if (size < 0.2) return 'tiny';
  if (size < 0.5) return 'small';
  return size < 0.8 ? 'medium' : 'large';
}

/** A p-value as a chance out of 100 ("15 dari 100"); under one in a hundred it says so. */
const chance = (t: Translate, locale: Locale, p: number) =>
  p < 0.01 ? t('report.plain.chance.tiny') : t('report.plain.chance', { n: formatNumber(locale, p * 100, 0) });

/** The word for what a share counts: people when each person has one pair, else pairs (person × module). */
const unitOf = (report: GainReport, t: Translate) =>
  report.n === report.nPeople ? t('report.unit.people') : t('report.unit.pairs');

function change(report: GainReport, t: Translate, locale: Locale): string {
  const gain = report.meanGain ?? 0;
  const points = score(locale, Math.abs(gain));
  if (gain > 0) return t('report.plain.up', { gain: points });
  return gain < 0 ? t('report.plain.down', { gain: points }) : t('report.plain.same');
}

function mastered(report: GainReport, t: Translate, locale: Locale, share: number | null, when: 'before' | 'after') {
  const k = Math.round((share ?? 0) * report.n);
  const vars = { k, n: report.n, unit: unitOf(report, t), mastery: formatNumber(locale, report.mastery, 1) };
  return when === 'before' ? t('report.plain.masteryBefore', vars) : t('report.plain.masteryAfter', vars);
}

/**
 * What a normalised gain means in words: the share of the points left to reach that were reached. A negative
 * gain is no share at all: it says the scores fell, by how many points, instead of reading as "0 %".
 */
export function gainMeaning(report: GainReport, t: Translate, locale: Locale, of: 'class' | 'person'): string {
  const g = of === 'class' ? report.classGain : report.meanG;
  if (g === null) return t('report.plain.none');
  const unit = unitOf(report, t);
  if (g < 0) {
    // ⟨g⟩ of the class falls exactly when its mean score falls, so it can say by how much; a mean of each
    // person's g can be negative while the mean score holds, so it only says that scores fell on average.
    const fall = report.meanGain !== null && report.meanGain < 0 ? -report.meanGain : null;
    return of === 'class' && fall !== null
      ? t('report.plain.classGain.down', { gain: score(locale, fall) })
      : t('report.plain.meanG.down', { unit });
  }
  const value = percent(locale, g);
  return of === 'class'
    ? t('report.plain.classGain', { share: value })
    : t('report.plain.meanG', { share: value, unit });
}

/** The summary table's lines, in the order a reader asks: who, before, after, how much, how sure. */
export function summaryLines(report: GainReport, t: Translate, locale: Locale): SummaryLine[] {
  // A negative gain is a fall, not a "low" gain: Hake's bands are for progress.
  const withBand = (value: number | null, band: GainReport['classBand']) =>
    band && value !== null
      ? t('report.withBand', {
          value: ratio(locale, value),
          band: t(value < 0 ? 'report.band.down' : `report.band.${band}`),
        })
      : ratio(locale, value);
  const share = (value: number | null) => percent(locale, value);
  const mastery = formatNumber(locale, report.mastery, 1);
  const { wilcoxon, tTest } = report;
  const lines: SummaryLine[] = [
    {
      label: t('report.n'),
      value: formatNumber(locale, report.nPeople),
      meaning: t('report.plain.n', { n: formatNumber(locale, report.nPeople) }),
      technical: null,
      number: report.nPeople,
      digits: 0,
    },
  ];
  if (report.n !== report.nPeople)
    lines.push({
      label: t('report.nPairs'),
      value: formatNumber(locale, report.n),
      meaning: t('report.plain.nPairs'),
      technical: null,
      number: report.n,
      digits: 0,
    });
  lines.push(
    {
      label: t('report.meanPre'),
      value: score(locale, report.meanPre),
      meaning: t('report.plain.meanPre', { score: score(locale, report.meanPre) }),
      technical: null,
      number: report.meanPre,
      digits: 1,
    },
    {
      label: t('report.meanPost'),
      value: score(locale, report.meanPost),
      meaning: t('report.plain.meanPost', { score: score(locale, report.meanPost) }),
      technical: null,
      number: report.meanPost,
      digits: 1,
    },
    {
      label: t('report.meanGain'),
      value: score(locale, report.meanGain),
      meaning: change(report, t, locale),
      technical: null,
      number: report.meanGain,
      digits: 1,
    },
    {
      label: t('report.classGain'),
      value: withBand(report.classGain, report.classBand),
      meaning: gainMeaning(report, t, locale, 'class'),
      technical: t('report.classGain.technical'),
      number: report.classGain,
      digits: 3,
    },
    {
      label: t('report.meanG'),
      value: withBand(report.meanG, report.meanGBand),
      meaning: gainMeaning(report, t, locale, 'person'),
      technical: t('report.meanG.technical', { n: report.nG }),
      number: report.meanG,
      digits: 3,
    },
    {
      label: t('report.masteryBefore', { mastery }),
      value: share(report.masteryBefore),
      meaning: mastered(report, t, locale, report.masteryBefore, 'before'),
      technical: null,
      number: report.masteryBefore === null ? null : report.masteryBefore * 100,
      digits: 1,
      percent: true,
    },
    {
      label: t('report.masteryAfter', { mastery }),
      value: share(report.masteryAfter),
      meaning: mastered(report, t, locale, report.masteryAfter, 'after'),
      technical: null,
      number: report.masteryAfter === null ? null : report.masteryAfter * 100,
      digits: 1,
      percent: true,
    },
    {
      label: t('report.dz'),
      value: ratio(locale, report.dz),
      meaning: report.dz === null ? t('report.plain.none') : t(`report.plain.dz.${effectSize(report.dz)}`),
      technical: t('report.dz.technical'),
      number: report.dz,
      digits: 2,
    },
    {
      label: t('report.wilcoxon'),
      value: wilcoxon ? pValue(locale, wilcoxon.p) : '—',
      meaning: wilcoxon ? chance(t, locale, wilcoxon.p) : t('report.plain.none'),
      technical: wilcoxon
        ? t('report.wilcoxon.technical', {
            v: formatNumber(locale, wilcoxon.v, 1),
            n: wilcoxon.n,
            how: wilcoxon.exact ? t('report.exact') : t('report.approx'),
          })
        : null,
      number: wilcoxon?.p ?? null,
      digits: 3,
    },
    {
      label: t('report.ttest'),
      value: tTest ? pValue(locale, tTest.p) : '—',
      meaning: tTest ? t('report.plain.ttest', { chance: chance(t, locale, tTest.p) }) : t('report.plain.none'),
      technical: tTest ? t('report.ttest.technical', { t: ratio(locale, tTest.t), df: tTest.df }) : null,
      number: tTest?.p ?? null,
      digits: 3,
    },
  );
  return lines;
}

/** The plain verdict: always what happened, then how sure one can be (for a small group, that it is too small). */
export function verdictSentence(report: GainReport, t: Translate, locale: Locale): string {
  if (report.verdict === 'none') return t('report.verdict.none');
  const gain = score(locale, report.meanGain === null ? null : Math.abs(report.meanGain));
  if (report.verdict !== 'too_few')
    return t(`report.verdict.${report.verdict}`, { gain, p: pValue(locale, report.wilcoxon?.p ?? null) });
  const caution =
    report.n === report.nPeople
      ? t('report.verdict.too_few', { n: report.n })
      : t('report.verdict.too_few.pairs', { n: report.n, people: report.nPeople });
  return `${change(report, t, locale)} ${caution}`;
}
