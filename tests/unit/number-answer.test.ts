import { describe, expect, it } from 'vitest';
import {
  formatNumberAnswer,
  isCanonicalNumber,
  parseNumberAnswer,
} from '../../src/features/assessment/number-answer.ts';
import { buildAttemptItems, scoreAttempt } from '../../src/features/assessment/rules.ts';
import { answerKeyOf, questionSchema, type Question } from '../../src/features/learning/content-schemas.ts';
import { fingerprint } from '../../src/features/learning/question-versions.ts';
import { listMissed } from '../../src/features/assessment/missed.ts';
import { keyIsLongest, quotedOptions, sharedKeys } from '../../src/features/learning/content-lint-items.ts';

// Numeric-answer items (issue 16, point 3): one canonical string for what a villager may type, exact scoring.

const numeric = (id: string, answer: number, unit?: string): Question =>
  questionSchema.parse({
    id,
    version: 1,
    objective: 'kk-1',
    type: 'number',
    text: 'Berapa saldo kas akhir bulan?',
    answer,
    ...(unit ? { unit } : {}),
    explanation: 'Saldo awal ditambah uang masuk, dikurangi uang keluar.',
  });

describe('parseNumberAnswer()', () => {
  it.each([
    ['Rp 1.250.000', '1250000'],
    ['1.250.000', '1250000'],
    ['1250000', '1250000'],
    ['rp1.250.000,-', '1250000'],
    ['Rp. 1.250.000,00', '1250000'],
    ['1 250 000', '1250000'],
    ['  0042 ', '42'],
    ['0', '0'],
    ['999.999.999.999', '999999999999'],
  ])('reads %j as %s', (typed, digits) => {
    expect(parseNumberAnswer(typed)).toEqual({ ok: true, value: digits });
  });

  it.each([
    ['', 'empty'],
    ['Rp ', 'empty'],
    ['-5', 'negative'],
    ['Rp -1.000', 'negative'],
    ['seratus', 'notNumber'],
    ['12a', 'notNumber'],
    ['1e6', 'notNumber'],
    ['12,5', 'decimal'],
    ['1.25.000', 'grouping'],
    ['1250.000', 'grouping'],
    ['1.000.000.000.000', 'tooLong'],
  ])('refuses %j (%s)', (typed, problem) => {
    expect(parseNumberAnswer(typed)).toEqual({ ok: false, problem });
  });

  it('gives canonical digits only: no leading zeros, at most 12 digits', () => {
    for (const typed of ['Rp 1.250.000', '007', '0', '999999999999']) {
      const parsed = parseNumberAnswer(typed);
      expect(parsed.ok && isCanonicalNumber(parsed.value)).toBe(true);
    }
    expect(isCanonicalNumber('007')).toBe(false);
    expect(isCanonicalNumber('1.000')).toBe(false);
  });
});

describe('formatNumberAnswer()', () => {
  it('shows rupiah before the number and other units after it, with dots every three digits', () => {
    expect(formatNumberAnswer('1250000', 'Rp')).toBe('Rp 1.250.000');
    expect(formatNumberAnswer('12', 'bungkus')).toBe('12 bungkus');
    expect(formatNumberAnswer('1000', undefined)).toBe('1.000');
    expect(formatNumberAnswer('0', 'Rp')).toBe('Rp 0');
  });
});

describe('numeric items in an attempt', () => {
  it('shows no options for a numeric item and keys it by its canonical digits', () => {
    const q = numeric('kk-n1', 1250000, 'Rp');
    const [item] = buildAttemptItems([q], null, 'attempt-1');
    expect(item).toEqual({ questionId: 'kk-n1', version: 1, objective: 'kk-1', optionOrder: [], type: 'number' });
    expect(answerKeyOf(q)).toBe('1250000');
  });

  it('scores a numeric item right only on the exact number', () => {
    const items = buildAttemptItems([numeric('kk-n1', 1250000), numeric('kk-n2', 85000)], null, 'a');
    const key = { 'kk-n1': '1250000', 'kk-n2': '85000' };
    const score = scoreAttempt(items, { 'kk-n1': '1250000', 'kk-n2': '85001' }, key);
    expect(score.itemResults).toEqual({ 'kk-n1': 1, 'kk-n2': 0 });
    expect(score.score).toBe(50);
  });
});

describe('numeric items in the content', () => {
  it('refuses options, a negative or fractional answer, and a number written with dots', () => {
    const base = {
      id: 'kk-n1',
      version: 1,
      objective: 'kk-1',
      type: 'number',
      text: 'Berapa?',
      explanation: 'Karena.',
    };
    expect(questionSchema.safeParse({ ...base, answer: 5 }).success).toBe(true);
    expect(questionSchema.safeParse({ ...base, answer: 390, unit: 'bungkus' }).success).toBe(true);
    expect(questionSchema.safeParse({ ...base, answer: 390000, unit: 'Rp' }).success).toBe(true);
    for (const bad of [
      { ...base, answer: -1 },
      { ...base, answer: 1.5 },
      { ...base, answer: '1.250.000' },
      { ...base, answer: 1e13 },
      { ...base, answer: 5, options: [{ id: 'a', text: '5' }] },
      { ...base, answer: 5, correct: 'a' },
      { ...base },
      // YAML reads 390.000 as 390: a rupiah answer under Rp1.000 is refused as that slip.
      { ...base, answer: 390, unit: 'Rp' },
    ]) {
      expect(questionSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps a multiple-choice item the default', () => {
    const parsed = questionSchema.parse({
      id: 'kk-q1',
      version: 1,
      objective: 'kk-1',
      text: 'Apa?',
      options: [
        { id: 'a', text: 'Satu' },
        { id: 'b', text: 'Dua' },
      ],
      correct: 'a',
      explanation: 'Karena.',
    });
    expect(parsed.type).toBeUndefined();
    expect(answerKeyOf(parsed)).toBe('a');
  });

  it('changes the version fingerprint when the answer or the unit changes', () => {
    const q = numeric('kk-n1', 1250000, 'Rp');
    expect(fingerprint(numeric('kk-n1', 1250001, 'Rp'))).not.toBe(fingerprint(q));
    expect(fingerprint(numeric('kk-n1', 1250000, 'bungkus'))).not.toBe(fingerprint(q));
    expect(fingerprint(numeric('kk-n1', 1250000))).not.toBe(fingerprint(q));
  });

  it('is skipped by the rules about options (longest key, quote marks, shared keys)', () => {
    const a = numeric('kk-n1', 50000, 'Rp');
    const b = numeric('kk-n2', 50000, 'Rp');
    expect(keyIsLongest(a)).toBe(false);
    expect(quotedOptions(a)).toEqual([]);
    expect(sharedKeys([a, b])).toEqual([]);
  });
});

describe('listMissed() for a numeric item', () => {
  it('shows both numbers as the learner reads them', () => {
    const q = numeric('kk-n1', 1250000, 'Rp');
    const items = buildAttemptItems([q], null, 'a');
    const [missed] = listMissed(items, { 'kk-n1': '1200000' }, { 'kk-n1': '1250000' }, [q]);
    expect(missed).toMatchObject({ yourAnswer: 'Rp 1.200.000', correctAnswer: 'Rp 1.250.000' });
  });
});
