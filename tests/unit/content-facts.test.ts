import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rubricSchema } from '../../src/features/capacity/rubric-schema.ts';
import { loadCurriculum } from '../../src/features/learning/content-check.ts';
import type { Question } from '../../src/features/learning/content-schemas.ts';

// Factual slips and rubric defects found in the content review (issue 16, point 7), kept from coming back.

const { lessons, banks } = loadCurriculum('content', []);
const rubric = rubricSchema.parse(parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')));
const items = new Map(rubric.dimensions.flatMap((d) => d.items).map((item) => [item.id, item]));
const lesson = (file: string) => lessons.find((l) => l.file.endsWith(file))?.data;
const optionTexts = (q: Question) => (q.type === 'number' ? [] : q.options.map((o) => o.text));

describe('facts in the lessons and questions', () => {
  it('does not call an undang-undang the highest rule (UU 12/2011 Pasal 7 puts UUD 1945 and TAP MPR above it)', () => {
    const body = lesson('hakikat-kube/04-dasar-hukum-kube.md')?.body ?? '';
    expect(body).not.toMatch(/Undang-undang adalah aturan tertinggi/i);
    expect(body).toMatch(/UUD 1945 dan Ketetapan MPR/);
  });

  it("teaches the desa's SK as KUBE Maju Bersama 1's example, not as a dasar hukum or the rule for every KUBE", () => {
    const found = lesson('hakikat-kube/04-dasar-hukum-kube.md');
    const text = `${found?.summary ?? ''}\n${found?.body ?? ''}`;
    expect(text).not.toMatch(/SK pendirian dari desa (adalah|menjadi) bukti/);
    expect(text).not.toMatch(/Pengurus KUBE terdiri dari/);
  });

  it('shows no option or question wrapped in quote marks', () => {
    for (const { data } of banks) {
      for (const question of data.questions) {
        for (const text of [question.text, ...optionTexts(question)]) {
          expect(text, question.id).not.toMatch(/^['"‘“].*['"’”]$/);
        }
      }
    }
  });

  it('names fictional people with plain invented names, never initials like "Bu S" or "Pak Q"', () => {
    const initials = /\b(Bu|Pak|Ibu|Bapak|Mas|Mbak) [A-Z]{1,3}\b/;
    for (const { file, data } of lessons)
      expect(`${data.summary} ${data.activity} ${data.body}`, file).not.toMatch(initials);
    for (const { file, data } of banks) {
      for (const q of data.questions) {
        expect([q.text, q.explanation, ...optionTexts(q)].join(' '), `${file} ${q.id}`).not.toMatch(initials);
      }
    }
  });
});

describe('the capacity rubric', () => {
  it("tells the facilitator how to combine members' separate businesses, and that levels are cumulative", () => {
    expect(rubric.intro).toMatch(/tingkat tertinggi yang dicapai paling sedikit separuh usaha/);
    expect(rubric.intro).toMatch(/Setiap tingkat mencakup tingkat di bawahnya/);
  });

  it('labels score 1 so that it fits descriptors where something already exists', () => {
    expect(rubric.levels[0]?.label).not.toBe('Belum ada');
  });

  it('keeps level 3 inside level 4 in the six items where it was missing', () => {
    const kept: Record<string, string> = {
      'sp-penjualan-digital': 'setiap minggu',
      'km-pemasok': 'kesepakatan',
      'kl-laporan': 'dibacakan dalam pertemuan',
      'us-kas-simpan-pinjam': 'aturan tertulis',
      'so-kesetiakawanan': 'IKS dibayar setiap bulan',
      'km-pembeli-tetap': 'pesanan mereka dicatat',
    };
    for (const [id, phrase] of Object.entries(kept)) {
      expect(items.get(id)?.levels[2], id).toContain(phrase);
      expect(items.get(id)?.levels[3], id).toContain(phrase);
    }
  });

  it('asks for monthly sending in kl-laporan level 4, as the lesson on reports teaches', () => {
    expect(items.get('kl-laporan')?.levels[3]).toMatch(/dikirim setiap bulan/);
    expect(lesson('manajemen-kube/05-laporan-bulanan.md')?.summary).toMatch(/setiap bulan/);
  });

  it('keeps levels distinct: sp-saluran-penjualan counts channels besides home; a bank account alone is not level 3', () => {
    const channels = items.get('sp-saluran-penjualan')?.levels ?? [];
    expect(channels[1]).toMatch(/Selain di rumah, ada satu jalur/);
    expect(channels[2]).toMatch(/Selain di rumah, ada dua jalur/);
    expect(items.get('km-dinas-lembaga')?.levels[2]).not.toMatch(/atau punya rekening/);
  });

  it('does not claim the regulasi aspects are scored "menurut" Permensos 2/2019', () => {
    for (const dimension of rubric.dimensions) expect(dimension.summary, dimension.id).not.toMatch(/dinilai menurut/);
  });
});
