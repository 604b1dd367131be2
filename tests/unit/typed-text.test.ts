import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { optionalText, requiredText } from '../../src/lib/forms.ts';

const messages = (result: { error?: { issues: { message: string }[] } | undefined }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('requiredText()', () => {
  const name = requiredText(80);

  it('stores a name typed with a combining accent the same as one typed precomposed (NFC)', () => {
    expect(name.parse('Rene\u0301')).toBe('Ren\u00e9');
    expect(name.parse('  Siti Aminah ')).toBe('Siti Aminah');
  });

  it.each([
    ['an RTL override', 'Sumarni\u202e (demo)'],
    ['a bell and an escape code', 'Ani\u0007\u001b[31mBudi'],
    ['NUL', 'Ani\u0000Budi'],
    ['a zero-width space inside', 'Su\u200bmarni'],
    ['a line break', 'Ani\nBudi'],
    ['a tab', 'Ani\tBudi'],
    ['a line separator', 'Ani\u2028Budi'],
  ])('refuses %s with a plain message', (_what, value) => {
    expect(messages(name.safeParse(value))).toEqual(['errors.hiddenCharacters']);
  });

  it('calls a name of only invisible characters missing', () => {
    expect(messages(name.safeParse('\u200b\u200b'))).toEqual(['errors.required']);
    expect(messages(name.safeParse('\u200b \u2060'))).toEqual(['errors.required']);
  });

  it('keeps ordinary spaces, a no-break space, letters of any script and apostrophes', () => {
    expect(name.parse("Ni Luh Putu Ayu Ma'ruf")).toBe("Ni Luh Putu Ayu Ma'ruf");
    expect(name.parse('Ani\u00a0Budi')).toBe('Ani\u00a0Budi');
    expect(name.parse('عائشة')).toBe('عائشة');
  });
});

describe('optionalText()', () => {
  it('lets an empty field be empty and refuses one holding only invisible characters', () => {
    expect(optionalText().parse('')).toBeNull();
    expect(messages(optionalText().safeParse('\u200b'))).toEqual(['errors.hiddenCharacters']);
  });

  it('keeps line breaks only in a multi-line note', () => {
    const notes = z.object({ short: optionalText(), long: optionalText(1000, { multiline: true }) });
    expect(notes.parse({ short: null, long: 'Baris satu\r\nBaris dua' }).long).toBe('Baris satu\r\nBaris dua');
    expect(messages(notes.safeParse({ short: 'a\nb', long: 'a\u0000b' }))).toEqual([
      'errors.hiddenCharacters',
      'errors.hiddenCharacters',
    ]);
  });
});
