import { describe, expect, it } from 'vitest';
import { checkCurriculum, loadCurriculum } from '../../src/features/learning/content-check.ts';
import { TRACKS } from '../../src/features/learning/content-schemas.ts';

describe('the curriculum in content/', () => {
  const problems: string[] = [];
  const { modules, lessons, banks } = loadCurriculum('content', problems);

  it('is valid: every file, every reference, every question version', () => {
    expect(checkCurriculum('content')).toEqual([]);
  });

  it('has a module in each of the four tracks', () => {
    expect(new Set(modules.map((m) => m.data.track))).toEqual(new Set(TRACKS));
  });

  it('gives every module at least 3 lessons and a bank of at least 12 questions', () => {
    for (const { data: module } of modules) {
      expect(lessons.filter((l) => l.data.module === module.slug).length, module.slug).toBeGreaterThanOrEqual(3);
      const bank = banks.find((b) => b.data.module === module.slug);
      expect(bank?.data.questions.length ?? 0, module.slug).toBeGreaterThanOrEqual(12);
    }
  });

  it('writes real lessons: a body of some length, in Indonesian', () => {
    for (const { file, data } of lessons) {
      const words = data.body.split(/\s+/).filter(Boolean).length;
      expect(words, file).toBeGreaterThanOrEqual(150);
      expect(data.body, file).toMatch(/\b(dan|yang|Anda)\b/);
    }
  });
});

describe('checkCurriculum()', () => {
  it('names the file and the field of a broken module', () => {
    const found = checkCurriculum('tests/fixtures/content-broken');
    expect(found.some((p) => p.startsWith('tests/fixtures/content-broken/modules/contoh.yaml: track:'))).toBe(true);
  });
});
