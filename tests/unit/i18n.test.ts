import { describe, expect, it } from 'vitest';
import { dictionaries, formatDate, useTranslations } from '../../src/i18n/index.ts';

describe('dictionaries', () => {
  it('has an English entry beside every Indonesian one, and no extra', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.id).sort());
  });

  it('has no empty text and the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(dictionaries.id)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(dictionaries.en[key as keyof typeof dictionaries.en]), key).toEqual(placeholders(text));
    }
  });
});

describe('useTranslations()', () => {
  it('speaks Indonesian and fills placeholders', () => {
    expect(useTranslations('id')('home.greeting', { name: 'Sumarni' })).toBe('Halo, Sumarni!');
    expect(useTranslations('en')('home.greeting', { name: 'Sumarni' })).toBe('Hello, Sumarni!');
  });
});

describe('formatDate()', () => {
  it('writes dates the Indonesian way', () => {
    expect(formatDate('id', '2024-08-17')).toBe('17 Agustus 2024');
    expect(formatDate('id', null)).toBe('—');
  });
});
