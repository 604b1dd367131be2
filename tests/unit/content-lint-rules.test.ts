import { describe, expect, it } from 'vitest';
import type { ChoiceQuestion, Module, Question } from '../../src/features/learning/content-schemas.ts';
import { lintModule } from '../../src/features/learning/content-lint.ts';
import { formatLintTable } from '../../src/features/learning/content-lint-table.ts';
import { isNumericOption, relatedWords } from '../../src/features/learning/content-lint-words.ts';

// Small hand-made banks: one passing and one failing example for each rule of the content linter.

type Item = { id: string; objective?: string; form?: 'A' | 'B'; text?: string; key?: string; others?: string[] };

function item({ id, objective = 'o-1', form, text, key, others }: Item): ChoiceQuestion {
  const distractors = others ?? ['Menunggu perintah dari desa', 'Ketua memutuskan seorang diri'];
  return {
    id,
    version: 1,
    objective,
    ...(form ? { form } : {}),
    text: text ?? `Pertanyaan contoh nomor ${id}?`,
    options: [{ id: 'a', text: key ?? `Jawaban ${id}` }, ...distractors.map((t, i) => ({ id: `d${i}`, text: t }))],
    correct: 'a',
    explanation: 'Contoh.',
  };
}

function module(overrides: Partial<Module> = {}): Module {
  return {
    slug: 'contoh',
    title: 'Contoh',
    track: 'usaha',
    audience: { roles: ['anggota', 'pengurus'], positions: [] },
    order: 1,
    durationMinutes: 30,
    objectives: [{ id: 'o-1', text: 'Satu.' }],
    summary: 'Contoh.',
    testDesign: 'parallel',
    retention: { opensAfterDays: 60, dueByDays: 90 },
    ...overrides,
  };
}

/** A passing member bank: two forms, two items each, short distinct keys. */
function goodItems(): ChoiceQuestion[] {
  return [
    item({ id: 'q1', form: 'A', key: 'Ya' }),
    item({ id: 'q2', form: 'A', key: 'Tidak' }),
    item({ id: 'q3', form: 'B', key: 'Kadang' }),
    item({ id: 'q4', form: 'B', key: 'Jarang' }),
  ];
}

function lint(questions: Question[], overrides: Partial<Module> = {}) {
  return lintModule(module(overrides), { module: 'contoh', questions });
}

const failuresOf = (result: ReturnType<typeof lint>) => [
  ...result.failures,
  ...result.forms.flatMap((f) => f.failures),
];

describe('lintModule()', () => {
  it('passes a member bank with parallel forms, two items per objective, and no cue', () => {
    const result = lint(goodItems());
    expect(failuresOf(result)).toEqual([]);
    expect(result.passes).toBe(true);
  });

  it('fails a form where the key is the strictly longest option in more than 40 % of items', () => {
    const long = 'Musyawarah dengan semua anggota lalu dicatat';
    const result = lint(
      goodItems().map((q, i) => (i < 2 ? { ...q, options: [{ id: 'a', text: long }, ...q.options.slice(1)] } : q)),
    );
    expect(result.forms[0]?.keyLongest).toEqual({ count: 2, of: 2 });
    expect(result.forms[0]?.failures).toContain('key is the longest option in 2 of 2 items');
    expect(result.forms[1]?.failures).toEqual([]);
  });

  it('leaves items whose options are all amounts out of the longest-key share, and counts a tie as no cue', () => {
    const amounts = item({ id: 'n1', form: 'A', key: 'Rp280.000', others: ['Rp28.000', 'Rp2.800'] });
    const tie = item({ id: 't1', form: 'A', key: 'Satu', others: ['Tiga', 'Lima'] });
    const result = lint([amounts, tie, ...goodItems().slice(2)]);
    expect(result.forms[0]?.keyLongest).toEqual({ count: 0, of: 1 });
    expect(isNumericOption('Rp1.150.000')).toBe(true);
    expect(isNumericOption('5 sampai 20 keluarga')).toBe(false);
  });

  it('fails two items with the same key text, whatever the case and punctuation', () => {
    const items = goodItems();
    items[3] = item({ id: 'q4', form: 'B', key: 'ya.' });
    expect(failuresOf(lint(items))).toContain('same key text in q1, q4');
    expect(failuresOf(lint(goodItems())).some((f) => f.startsWith('same key'))).toBe(false);
  });

  it('fails an item whose stem and key alone share a content word, affixes included', () => {
    const echo = item({ id: 'q1', form: 'A', text: 'Apa guna daftar hadir di pertemuan?', key: 'Bukti pertemuannya' });
    const fair = item({
      id: 'q1',
      form: 'A',
      text: 'Apa guna daftar hadir di pertemuan?',
      key: 'Bukti',
      others: ['Hiasan pertemuan', 'Tidak ada'],
    });
    const [, ...rest] = goodItems();
    expect(lint([echo, ...rest]).forms[0]?.stemKeyWords).toEqual([{ item: 'q1', words: ['pertemuan'] }]);
    expect(lint([fair, ...rest]).forms[0]?.stemKeyWords).toEqual([]);
    expect(relatedWords('catat', 'mencatat')).toBe(true);
    expect(relatedWords('sama', 'bersama')).toBe(false);
  });

  it('fails an option written inside quote marks', () => {
    const [, ...rest] = goodItems();
    const quoted = item({ id: 'q1', form: 'A', key: "'Iuran Kesetiakawanan Sosial'" });
    expect(failuresOf(lint([quoted, ...rest]))).toContain('q1: option a in quote marks');
    expect(lint([item({ id: 'q1', form: 'A', key: 'Iuran "IKS" kelompok' }), ...rest]).forms[0]?.quotedOptions).toEqual(
      [],
    );
  });

  it('asks officer modules for 3 items per objective and 15 per form, member modules for 2 per objective', () => {
    const officer = { track: 'hakikat' as const };
    expect(failuresOf(lint(goodItems(), officer))).toEqual(
      expect.arrayContaining(['objective o-1: 2 item(s), at least 3 needed', '2 items, at least 15 needed']),
    );
    const fifteen = (form: 'A' | 'B') =>
      Array.from({ length: 15 }, (_, i) => item({ id: `${form}${i}`, form, key: `K${form}${i}` }));
    expect(failuresOf(lint([...fifteen('A'), ...fifteen('B')], officer))).toEqual([]);
    const thin = goodItems().slice(1);
    expect(failuresOf(lint(thin))).toContain('objective o-1: 1 item(s), at least 2 needed');
  });

  it('fails forms that measure different objectives', () => {
    const two = {
      objectives: [
        { id: 'o-1', text: 'Satu.' },
        { id: 'o-2', text: 'Dua.' },
      ],
    };
    const items = [
      ...goodItems(),
      item({ id: 'q5', form: 'A', objective: 'o-2', key: 'Lima' }),
      item({ id: 'q6', form: 'A', objective: 'o-2', key: 'Enam' }),
    ];
    expect(lint(items, two).failures).toEqual(['objective o-2 is in form A only']);
    const both = [
      ...items,
      item({ id: 'q7', form: 'B', objective: 'o-2', key: 'Tujuh' }),
      item({ id: 'q8', form: 'B', objective: 'o-2', key: 'Delapan' }),
    ];
    expect(lint(both, two).passes).toBe(true);
  });

  it('fails every module whose post-test repeats the pre-test (testDesign same)', () => {
    const oneSet = ['Ya', 'Tidak', 'Kadang', 'Jarang'].map((key, i) => item({ id: `q${i}`, key }));
    const result = lint(oneSet, { testDesign: 'same' });
    expect(result.forms.map((f) => f.form)).toEqual(['same']);
    expect(result.failures).toHaveLength(1);
    expect(result.passes).toBe(false);
  });
});

describe('formatLintTable()', () => {
  it('prints one row per module and form with the verdict', () => {
    const table = formatLintTable([lint(goodItems())]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toContain('| contoh | A | 2 | 0/2 (0 %) | 0 | 0 | 0 | 0 | 0 | pass |');
  });
});
