import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../src/i18n/index.ts';
import { buildReport } from '../../src/features/analytics/compute.ts';
import { reportCsv } from '../../src/features/analytics/report-csv.ts';
import { skillSentence } from '../../src/features/analytics/skills-plain.ts';
import { skillReport, skillsByTask, type PracticePair } from '../../src/features/practice/report.ts';

// The practical tasks' figures, by hand: pairs of a facilitator's pre and post scores, their means, the gain
// in points and ⟨g⟩ (Hake's, from the means, as the knowledge report computes it).

const pair = (personId: string, taskSlug: string, pre: number, post: number): PracticePair => ({
  personId,
  name: `Orang ${personId}`,
  kubeId: 'k1',
  kubeName: 'Maju Bersama 1',
  taskSlug,
  postDate: '2026-03-10',
  pre,
  post,
});
const KAS = { slug: 'buku-kas-sebulan', title: 'Buku kas' };
const RAPAT = { slug: 'pimpin-musyawarah', title: 'Musyawarah' };

describe('skillReport()', () => {
  it('takes the means of the pairs, the gain in points and ⟨g⟩ from the means', () => {
    const report = skillReport(
      [pair('a', KAS.slug, 50, 100), pair('b', KAS.slug, 33.3, 83.3), pair('c', KAS.slug, 16.7, 50)],
      [KAS],
    );
    expect(report.all.n).toBe(3);
    expect(report.all.people).toBe(3);
    expect(report.all.meanPre).toBeCloseTo(100 / 3, 9);
    expect(report.all.meanPost).toBeCloseTo(233.3 / 3, 9);
    expect(report.all.meanGain).toBeCloseTo(133.3 / 3, 9);
    // ⟨g⟩ = (77.77 − 33.33) / (100 − 33.33), not the mean of each person's g (1, 0.75, 0.4).
    expect(report.all.classGain).toBeCloseTo(133.3 / 3 / (100 - 100 / 3), 9);
    expect(report.people.map((p) => [p.personId, p.gain])).toEqual([
      ['a', 50],
      ['b', 50],
      ['c', 33.3],
    ]);
  });

  it('counts only the tasks asked for, and lists each task even when nobody has done it', () => {
    const report = skillReport([pair('a', KAS.slug, 0, 50), pair('a', 'tugas-modul-lain', 0, 100)], [KAS, RAPAT]);
    expect(report.all.n).toBe(1);
    expect(report.all.meanPost).toBe(50);
    expect(report.tasks.map((task) => [task.title, task.n, task.meanPre])).toEqual([
      ['Buku kas', 1, 0],
      ['Musyawarah', 0, null],
    ]);
  });

  it('leaves g undefined for a pre of 100, and ⟨g⟩ too when every pre is 100', () => {
    const mixed = skillReport([pair('a', KAS.slug, 100, 100), pair('b', KAS.slug, 50, 75)], [KAS]);
    expect(mixed.people.map((p) => p.g)).toEqual([null, 0.5]);
    expect(mixed.all.classGain).toBeCloseTo((87.5 - 75) / 25, 12);
    const top = skillReport([pair('a', KAS.slug, 100, 83.3)], [KAS]);
    expect(top.all.classGain).toBeNull();
    expect(top.all.meanGain).toBeCloseTo(-16.7, 9);
  });

  it('has no figures without pairs', () => {
    const report = skillReport([], [KAS]);
    expect(report.all).toMatchObject({ n: 0, people: 0, meanPre: null, meanPost: null, meanGain: null });
    expect(report.all.classGain).toBeNull();
  });
});

describe('skillsByTask()', () => {
  it('groups every task, counting a person with two tasks once among the people', () => {
    const skills = skillsByTask([
      pair('a', RAPAT.slug, 20, 60),
      pair('a', KAS.slug, 0, 50),
      pair('b', KAS.slug, 50, 50),
    ]);
    expect(skills.all).toMatchObject({ n: 3, people: 2 });
    expect(skills.byTask.map((g) => [g.key, g.n, g.meanPost])).toEqual([
      [KAS.slug, 2, 50],
      [RAPAT.slug, 1, 60],
    ]);
  });
});

describe('skillSentence()', () => {
  const id = useTranslations('id');
  it('says in Indonesian how many were scored and which way the mean went, with decimal commas', () => {
    const report = skillReport([pair('a', KAS.slug, 50, 100), pair('b', KAS.slug, 33.3, 83.3)], [KAS]);
    expect(skillSentence(report, id, 'id')).toBe(
      'Tugas praktik: 2 orang dinilai sebelum dan sesudah. Rata-rata nilainya naik 50 poin, dari 41,7 menjadi 91,7.',
    );
    const down = skillReport([pair('a', KAS.slug, 66.7, 50)], [KAS]);
    expect(skillSentence(down, id, 'id')).toContain('turun 16,7 poin');
  });
  it('says nothing without pairs', () => {
    expect(skillSentence(skillReport([], [KAS]), id, 'id')).toBeNull();
    expect(skillSentence(null, id, 'id')).toBeNull();
  });
});

describe('reportCsv() with practical tasks', () => {
  const t = useTranslations('id');
  const about = {
    module: 'Pembukuan',
    kube: 'Maju Bersama 1',
    sex: 'Laki-laki dan perempuan',
    period: 'semua tanggal',
    made: '2026-04-01',
  };
  it('adds the skill sentence to the summary and a second block, one row per task and one per person', () => {
    const skills = skillReport([pair('a', KAS.slug, 50, 100), pair('b', KAS.slug, 33.3, 83.3)], [KAS]);
    const lines = reportCsv(buildReport([]), about, t, 'id', (slug) => slug, skills).split('\r\n');
    expect(lines).toContain(
      'Keterampilan (tugas praktik);"Tugas praktik: 2 orang dinilai sebelum dan sesudah. Rata-rata nilainya naik 50 poin, dari 41,7 menjadi 91,7."',
    );
    const block = lines.indexOf('Keterampilan (tugas praktik)');
    expect(lines.slice(block, block + 3)).toEqual([
      'Keterampilan (tugas praktik)',
      'Tugas;Orang;Rata-rata sebelum;Rata-rata sesudah;Naik (poin);⟨g⟩',
      'Buku kas;2;41,7;91,7;50;0,857',
    ]);
    expect(lines).toContain('Orang a;Maju Bersama 1;Buku kas;2026-03-10;50;100;50;1');
  });
  it('has no skills block for a module without tasks', () => {
    const csv = reportCsv(buildReport([]), about, t, 'id', (slug) => slug, null);
    expect(csv).not.toContain('Keterampilan');
  });
});
