import { describe, expect, it } from 'vitest';
import { nameSkeleton } from '../../src/features/people/look-alike.ts';

describe('nameSkeleton()', () => {
  it('gives names that look the same one skeleton', () => {
    const sumarni = nameSkeleton('Sumarni');
    expect(nameSkeleton('Sumarnі')).toBe(sumarni); // Cyrillic і
    expect(nameSkeleton('SUMARNI')).toBe(sumarni);
    expect(nameSkeleton('Sumárni')).toBe(sumarni);
    expect(nameSkeleton('Ｓｕｍａｒｎｉ')).toBe(sumarni); // full-width, folded by NFKC
    expect(nameSkeleton('Ѕυмаrnі')).toBe(nameSkeleton('Symarni'));
    expect(nameSkeleton('  Siti   Aminah ')).toBe(nameSkeleton('Siti Aminah'));
  });

  it('strips the combining marks of zalgo text', () => {
    expect(nameSkeleton('Z̴̡̙̈́͐a̶n̷i')).toBe('zani');
  });

  it('keeps different names apart', () => {
    expect(nameSkeleton('Sumarni')).not.toBe(nameSkeleton('Sumarno'));
    expect(nameSkeleton('Ani')).not.toBe(nameSkeleton('Anik'));
  });
});
