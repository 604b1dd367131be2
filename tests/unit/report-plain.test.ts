import { describe, expect, it } from 'vitest';
import { buildReport, countPeople } from '../../src/features/analytics/compute.ts';
import type { Pair } from '../../src/features/analytics/pairs.ts';
import { effectSize, gainMeaning, summaryLines, verdictSentence } from '../../src/features/analytics/plain.ts';
import { useTranslations } from '../../src/i18n/index.ts';

// What the report says in words: people counted as people, each figure's one-line meaning, and a verdict
// sentence whatever the group's size.

const t = useTranslations('id');
const side = (score: number) => ({ score, form: null, questionIds: [], bits: '' });
const pair = (personId: string, pre: number, post: number, moduleSlug = 'hakikat-kube'): Pair => ({
  ...{ personId, name: personId, kubeId: 'kubemaju1', kubeName: 'Maju Bersama 1', moduleSlug, postDate: '2026-03-01' },
  ...{ sex: null, pre: side(pre), post: side(post) },
});
/** The all-modules report of the walk-through: Dewi and Slamet took two modules, Sri one. */
const twoModules = [
  pair('dewi', 40, 80),
  pair('dewi', 20, 60, 'usaha-produk'),
  pair('slamet', 40, 60),
  pair('slamet', 60, 80, 'usaha-produk'),
  pair('sri', 20, 40),
];
const line = (pairs: Pair[], label: string) => summaryLines(buildReport(pairs), t, 'id').find((l) => l.label === label);

describe('countPeople()', () => {
  it('counts a person who took two modules once', () => {
    expect(countPeople(twoModules)).toBe(3);
    expect(buildReport(twoModules)).toMatchObject({ n: 5, nPeople: 3 });
  });
});

describe('summaryLines()', () => {
  it('gives the number of people, and the pairs separately when a person took two modules', () => {
    expect(line(twoModules, 'Jumlah orang')).toMatchObject({ value: '3' });
    expect(line(twoModules, 'Pasangan nilai (orang × modul)')).toMatchObject({ value: '5' });
    // One module: pairs are people, and the line about pairs is not needed.
    expect(line(twoModules.slice(0, 1), 'Pasangan nilai (orang × modul)')).toBeUndefined();
  });

  it('says what each figure means in plain words, the technical name after it', () => {
    // Gains 40, 40, 20, 20, 20 → mean 28.
    expect(line(twoModules, 'Rata-rata kenaikan (poin)')?.meaning).toBe('Rata-rata naik 28 poin dari 100.');
    expect(line(twoModules, 'Rata-rata pre-test')?.meaning).toBe('Sebelum pelatihan, rata-rata nilainya 36 dari 100.');
    expect(line(twoModules, 'Kemajuan kelompok')).toMatchObject({ technical: 'Gain kelas ⟨g⟩ (Hake)' });
    // Mastery at 70 after: 80, 80 of five pairs; the unit says pairs, since Dewi and Slamet count twice.
    expect(line(twoModules, 'Mencapai nilai tuntas (70) sesudah')?.meaning).toBe(
      '2 dari 5 pasangan nilai mencapai nilai 70 sesudah pelatihan.',
    );
    expect(line(twoModules, 'Peluang hanya kebetulan')?.meaning).toMatch(/^Peluang .* sekitar \d+ dari 100\.$/);
    expect(line(twoModules, 'Peluang hanya kebetulan')?.technical).toMatch(/^Uji Wilcoxon bertanda, p \(V = /);
    expect(line([pair('a', 50, 30)], 'Rata-rata kenaikan (poin)')?.meaning).toBe('Rata-rata turun 20 poin dari 100.');
  });

  it('reads an effect size by Cohen’s rule of thumb', () => {
    expect([0.1, -0.3, 0.6, 1.2].map(effectSize)).toEqual(['tiny', 'small', 'medium', 'large']);
  });
});

describe('gainMeaning()', () => {
  // Scores 50 → 30 and 60 → 50: the mean falls from 55 to 40, so ⟨g⟩ = −15 / 45 = −0.33.
  const fell = [pair('a', 50, 30), pair('b', 60, 50)];

  it('says a falling group fell, by how many points, instead of reaching 0 %', () => {
    const report = buildReport(fell);
    expect(report.classGain).toBeLessThan(0);
    expect(gainMeaning(report, t, 'id', 'class')).toBe(
      'Tidak ada kemajuan: nilai kelompok turun 15 poin dari 100 sesudah pelatihan.',
    );
    expect(gainMeaning(report, t, 'id', 'class')).not.toMatch(/0\s?%/);
    expect(line(fell, 'Kemajuan kelompok')).toMatchObject({ value: '-0,33 (turun)' });
  });

  it('says each person fell on average when the mean of their gains is negative', () => {
    expect(gainMeaning(buildReport(fell), t, 'id', 'person')).toBe(
      'Tidak ada kemajuan: rata-rata per orang, nilai sesudah pelatihan lebih rendah daripada sebelumnya.',
    );
    expect(gainMeaning(buildReport(fell), useTranslations('en'), 'en', 'class')).toBe(
      "No progress: the group's score fell 15 points out of 100 after the training.",
    );
  });

  it('gives the share of the points left that were reached when the group rose', () => {
    // Pre mean 36, post mean 64: ⟨g⟩ = 28 / 64 = 0.44.
    expect(gainMeaning(buildReport(twoModules), t, 'id', 'class')).toBe(
      'Dari nilai yang belum diraih sebelum pelatihan, 44% berhasil diraih sesudahnya.',
    );
  });
});

describe('verdictSentence()', () => {
  it('says what happened even for a small group, then why it is not sure', () => {
    expect(verdictSentence(buildReport([pair('a', 40, 70)]), t, 'id')).toBe(
      'Rata-rata naik 30 poin dari 100. Tetapi hanya 1 orang yang punya nilai pre-test dan post-test: terlalu sedikit untuk memastikan perubahan ini bukan kebetulan. Anggap angka di bawah sebagai gambaran saja.',
    );
    expect(verdictSentence(buildReport(twoModules), t, 'id')).toMatch(
      /^Rata-rata naik 28 poin dari 100\. Tetapi hanya ada 5 pasangan nilai .* \(dari 3 orang\)/,
    );
    expect(verdictSentence(buildReport([]), t, 'id')).toBe('Belum ada pasangan nilai pada pilihan ini.');
  });
});
