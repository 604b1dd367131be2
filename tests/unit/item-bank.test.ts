import { describe, expect, it } from 'vitest';
import {
  itemFlags,
  itemVersionStats,
  type BankAttempt,
  type SideStats,
} from '../../src/features/analytics/item-bank.ts';
import { itemBankCsv } from '../../src/features/analytics/item-bank-csv.ts';
import { buildItemBankView } from '../../src/features/analytics/item-bank-view.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import type { Question } from '../../src/features/learning/content-schemas.ts';
import { itemAnalysis } from '../../src/lib/stats/index.ts';

// A post-test form of three items taken by four people, worked out by hand:
//   P1 111 (total 3)   P2 110 (2)   P3 101 (2)   P4 001 (1)
// 27 % of 4 people is one person: the upper group is P1, the lower group P4.
const SET = ['q1', 'q2', 'q3'];
const post = (bits: string, versions = [1, 1, 1]): BankAttempt => ({ kind: 'post', questionIds: SET, versions, bits });
const FOUR = [post('111'), post('110'), post('101'), post('001')];

const side = (n: number, difficulty: number | null, discrimination: number | null, pointBiserial: number | null) =>
  ({ n, difficulty, discrimination, pointBiserial }) satisfies SideStats;
const none = side(0, null, null, null);

describe('itemVersionStats()', () => {
  it('gives each item its share right, upper − lower 27 % and point-biserial, as worked out by hand', () => {
    const [q1, , q3] = itemVersionStats(FOUR);
    // q1: right for P1–P3; upper 1 − lower 0; against the rest scores 2, 1, 1, 1: r = 0.25 / 0.75.
    expect(q1?.post.n).toBe(4);
    expect(q1?.post.difficulty).toBe(0.75);
    expect(q1?.post.discrimination).toBe(1);
    expect(q1?.post.pointBiserial).toBeCloseTo(1 / 3, 12);
    // q3: right for P1, P3, P4; upper 1 − lower 1; against the rest scores 2, 2, 1, 0: r = −√(3/11).
    expect(q3?.post.discrimination).toBe(0);
    expect(q3?.post.pointBiserial).toBeCloseTo(-Math.sqrt(3 / 11), 12);
    expect(q3?.pre).toEqual(none);
  });

  it('agrees with the report’s item analysis when no item was revised', () => {
    const rows = FOUR.map((a) => Array.from({ length: a.bits.length }, (_, i) => (a.bits[i] === '1' ? 1 : 0)));
    const analysis = itemAnalysis(rows);
    itemVersionStats(FOUR).forEach((item, index) => {
      expect(item.post.difficulty).toBe(analysis.difficulty[index]);
      expect(item.post.discrimination).toBe(analysis.discrimination[index]);
      expect(item.post.pointBiserial).toBe(analysis.pointBiserial[index]);
    });
  });

  it('starts a revised item’s statistics fresh: each version counts only the people who saw it', () => {
    // Two more people saw q3 in its version 2: P5 111 (total 3), P6 000 (total 0).
    const stats = itemVersionStats([...FOUR, post('111', [1, 1, 2]), post('000', [1, 1, 2])]);
    const q3 = stats.filter((s) => s.questionId === 'q3');
    expect(q3.map((s) => s.version)).toEqual([1, 2]);
    expect(q3[0]?.post.n).toBe(4);
    expect(q3[0]?.post.pointBiserial).toBeCloseTo(-Math.sqrt(3 / 11), 12);
    expect(q3[1]?.post).toEqual(side(2, 0.5, 1, 1));
    // An item left as it was keeps every taker.
    expect(stats.find((s) => s.questionId === 'q1')?.post.n).toBe(6);
  });

  it('keeps the pre-test and the post-test apart', () => {
    const pre: BankAttempt = { kind: 'pre', questionIds: SET, versions: [1, 1, 1], bits: '100' };
    const [q1] = itemVersionStats([pre, ...FOUR]);
    expect(q1?.pre).toEqual(side(1, 1, null, null));
    expect(q1?.post.n).toBe(4);
  });
});

describe('itemFlags()', () => {
  it('flags an item more than 90 % right on the pre-test, once ten people took it', () => {
    expect(itemFlags({ pre: side(10, 0.95, 0.1, 0.1), post: none }).tooEasyBefore).toBe('yes');
    expect(itemFlags({ pre: side(10, 0.9, 0.1, 0.1), post: none }).tooEasyBefore).toBe('no');
    expect(itemFlags({ pre: side(9, 1, 0, 0), post: none }).tooEasyBefore).toBe('few');
  });

  it('flags a negative discrimination or point-biserial on either test, once ten people took it', () => {
    expect(itemFlags({ pre: none, post: side(10, 0.5, -0.1, 0.2) }).negative).toBe('yes');
    expect(itemFlags({ pre: side(12, 0.5, 0.3, -0.05), post: side(12, 0.7, 0.2, 0.3) }).negative).toBe('yes');
    expect(itemFlags({ pre: none, post: side(10, 1, 0, null) }).negative).toBe('no');
    // A negative value among too few people says nothing yet.
    expect(itemFlags({ pre: side(9, 0.5, -0.5, -0.5), post: side(9, 0.5, 0.3, 0.3) }).negative).toBe('few');
  });
});

describe('buildItemBankView()', () => {
  const question = (id: string, version: number, form: 'A' | 'B'): Question => ({
    id,
    version,
    objective: 'o-1',
    form,
    text: `Soal ${id}`,
    options: [
      { id: 'a', text: 'Salah' },
      { id: 'b', text: 'Benar' },
    ],
    correct: 'b',
    explanation: 'Karena benar.',
  });

  it('shows each item’s current version with its key, by form, and the old versions apart', () => {
    const attempts = [...FOUR, post('111', [1, 1, 2]), post('000', [1, 1, 2])];
    const view = buildItemBankView([question('q1', 1, 'A'), question('q3', 2, 'A'), question('q4', 1, 'B')], attempts);
    expect(view.forms.map((f) => [f.form, f.items.map((i) => i.questionId)])).toEqual([
      ['A', ['q1', 'q3']],
      ['B', ['q4']],
    ]);
    const q3 = view.forms[0]?.items[1];
    expect(q3?.key).toBe('Benar');
    expect(q3?.post.n).toBe(2);
    expect(view.forms[1]?.items[0]?.post).toEqual(none);
    // q3 version 1 is old; q2 has left the bank.
    expect(view.old.map((o) => [o.questionId, o.version, o.currentVersion])).toEqual([
      ['q2', 1, null],
      ['q3', 1, 2],
    ]);
    expect(view.attempts).toBe(6);
  });
});

describe('itemBankCsv()', () => {
  it('writes one row per item version, the report’s way: semicolons, decimal commas, no formulas', () => {
    const t = useTranslations('id');
    const q = (id: string, version: number, text: string): Question => ({
      id,
      version,
      objective: 'o-1',
      form: 'A',
      text,
      options: [
        { id: 'a', text: '=SUM(A1)' },
        { id: 'b', text: 'Salah' },
      ],
      correct: 'a',
      explanation: 'Karena.',
    });
    const view = buildItemBankView([q('q1', 1, 'Bu Tini; bendahara'), q('q3', 2, 'Soal tiga')], FOUR);
    const lines = itemBankCsv(view, t)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe(
      'Bentuk;Kode soal;Versi;Status;Tujuan;Soal;Jawaban benar;Pre-test n;Pre-test p;Pre-test D;Pre-test r;' +
        'Post-test n;Post-test p;Post-test D;Post-test r;Terlalu mudah di pre-test;Daya beda negatif',
    );
    expect(lines[1]).toBe(
      `A;q1;1;Versi sekarang;o-1;"Bu Tini; bendahara";'=SUM(A1);0;;;;4;0,75;1;0,333;data belum cukup;data belum cukup`,
    );
    // q3 version 2 has no data yet; version 1 and q2 are old.
    expect(lines[2]?.startsWith('A;q3;2;Versi sekarang;')).toBe(true);
    expect(lines.slice(3, 5).map((line) => line.split(';').slice(1, 4).join(';'))).toEqual([
      'q2;1;Versi lama',
      'q3;1;Versi lama',
    ]);
  });
});
