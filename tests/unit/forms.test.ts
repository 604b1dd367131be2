import { ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../src/i18n/index.ts';
import { DomainError } from '../../src/lib/errors.ts';
import {
  asAction,
  formErrors,
  isoDate,
  optionalText,
  pin,
  requiredText,
  translateMessage,
} from '../../src/lib/forms.ts';

const t = useTranslations('id');

describe('translateMessage()', () => {
  it('fills the parameters carried in a key', () => {
    expect(translateMessage('errors.tooLong|max=80', t)).toBe('Terlalu panjang: paling banyak 80 huruf.');
  });

  it('never shows a developer string to a person', () => {
    expect(translateMessage('Invalid input: expected string, received null', t)).toBe('Isian ini tidak sah.');
  });
});

describe('field factories', () => {
  const schema = z.object({ name: requiredText(20), note: optionalText(), day: isoDate(), pin: pin() });

  it('treat an empty form field (null) as missing, with a plain message', () => {
    const result = schema.safeParse({ name: null, note: null, day: null, pin: null });
    const messages = Object.fromEntries(result.error?.issues.map((i) => [String(i.path[0]), i.message]) ?? []);
    expect(messages).toEqual({ name: 'errors.required', day: 'errors.required', pin: 'errors.required' });
  });

  it('refuse impossible dates and short PINs', () => {
    const result = schema.safeParse({ name: 'Sumarni', note: '', day: '2024-02-30', pin: '12' });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['errors.date', 'errors.pin']);
  });

  it('trim text and turn an empty optional field into null', () => {
    expect(schema.parse({ name: '  Sumarni ', note: '', day: '2024-02-29', pin: '2468' })).toEqual({
      name: 'Sumarni',
      note: null,
      day: '2024-02-29',
      pin: '2468',
    });
  });
});

describe('formErrors()', () => {
  it('ties a refusal from a feature function to its field', async () => {
    const error = await asAction(() => Promise.reject(new DomainError('errors.usernameTaken', 'username'))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect(formErrors(error, t).fields).toEqual({ username: 'Nama pengguna ini sudah dipakai. Pilih yang lain.' });
  });

  it('shows a form-wide message for a refusal without a field, and a generic one for a bug', () => {
    expect(formErrors(new ActionError({ code: 'FORBIDDEN', message: 'nope' }), t).form).toBe(
      'Anda tidak punya izin untuk ini.',
    );
    expect(formErrors(new Error('database exploded'), t).form).toBe(t('errors.generic'));
  });
});
