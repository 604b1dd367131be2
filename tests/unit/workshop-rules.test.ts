import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, generateCode, nextPhase, normalizeCode } from '../../src/features/workshop/rules.ts';

describe('generateCode()', () => {
  it('makes six characters with no look-alikes such as 0/O or 1/I', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      expect(code).not.toMatch(/[01OI]/);
    }
    expect(CODE_ALPHABET).toHaveLength(32);
  });
});

describe('normalizeCode()', () => {
  it('accepts what a person types: lower case, spaces, a dash', () => {
    expect(normalizeCode(' abc-d23 ')).toBe('ABCD23');
  });

  it('refuses codes of the wrong length or with look-alike characters', () => {
    expect(normalizeCode('ABC')).toBeNull();
    expect(normalizeCode('ABCD0O')).toBeNull();
    expect(normalizeCode('ABCD1I')).toBeNull();
  });
});

describe('nextPhase()', () => {
  it('moves pre-test → materi → post-test → selesai, and no further', () => {
    expect(nextPhase('pre_test')).toBe('materi');
    expect(nextPhase('materi')).toBe('post_test');
    expect(nextPhase('post_test')).toBe('selesai');
    expect(nextPhase('selesai')).toBeNull();
  });
});
