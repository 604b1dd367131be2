import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Every source file that may name a dictionary key, the dictionaries themselves left out. */
function sourceText(): string {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return path === join('src', 'i18n') ? [] : files(path);
      return /\.(ts|tsx|astro|md|yaml)$/.test(entry.name) ? [path] : [];
    });
  return ['src', 'db', 'content']
    .flatMap(files)
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

describe('dictionary keys', () => {
  it('are each named somewhere, literally or by a template the code completes', () => {
    const text = sourceText();
    // `indicators.i${number}.title` names every key it can become: such a template counts as a use.
    const templates = [...text.matchAll(/`([a-z][\w.]*\$\{[^`]*)`/g)].map(
      ([, template = '']) =>
        new RegExp(
          `^${template
            .split(/\$\{[^}]*\}/)
            .map((part) => part.replaceAll('.', '\\.'))
            .join('[\\w.]+')}$`,
        ),
    );
    const named = (key: string) => text.includes(key) || templates.some((template) => template.test(key));
    expect(Object.keys(dictionaries.id).filter((key) => !named(key))).toEqual([]);
  });
});

describe('useTranslations()', () => {
  it('speaks Indonesian and fills placeholders', () => {
    expect(useTranslations('id')('home.greeting', { name: 'Sumarni' })).toBe('Halo, Sumarni!');
    expect(useTranslations('en')('home.greeting', { name: 'Sumarni' })).toBe('Hello, Sumarni!');
  });

  it('says "1 KUBE" and "2 KUBEs" in English, and "1 KUBE" and "2 KUBE" in Indonesian', () => {
    expect(useTranslations('en')('indicators.i1.kubesValue', { count: 1 })).toBe('1 KUBE');
    expect(useTranslations('en')('indicators.i1.kubesValue', { count: 2 })).toBe('2 KUBEs');
    expect(useTranslations('en')('admin.kubeCount', { count: 1 })).toBe('1 KUBE registered');
    expect(useTranslations('id')('indicators.i1.kubesValue', { count: 2 })).toBe('2 KUBE');
    // A count formatted with a thousands separator is still a count.
    expect(useTranslations('en')('admin.kubeCount', { count: '1,000' })).toBe('1,000 KUBEs registered');
  });
});

describe('formatDate()', () => {
  it('writes dates the Indonesian way', () => {
    expect(formatDate('id', '2024-08-17')).toBe('17 Agustus 2024');
    expect(formatDate('id', null)).toBe('—');
  });
});
