import { describe, expect, it } from 'vitest';
import { mergeDictionaries } from '../../src/i18n/merge.ts';

describe('mergeDictionaries()', () => {
  it("joins every slice's words into one dictionary", () => {
    expect(mergeDictionaries({ auth: { 'signIn.title': 'Masuk' }, kube: { 'kube.title': 'KUBE' } })).toEqual({
      'signIn.title': 'Masuk',
      'kube.title': 'KUBE',
    });
  });

  it('refuses a key that two files define, naming both, instead of keeping the last one', () => {
    expect(() =>
      mergeDictionaries({ common: { 'errors.invalid': 'Tidak valid.' }, people: { 'errors.invalid': 'Salah.' } }),
    ).toThrow('Dictionary key "errors.invalid" is in both common.json and people.json');
  });
});
