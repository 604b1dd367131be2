import { ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../src/i18n/index.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { asAction } from '../../src/lib/action-errors.ts';
import { formErrors, isoDate, optionalText, pin, requiredText, translateMessage } from '../../src/lib/forms.ts';
import { issueMessage } from '../../src/lib/issues.ts';

const t = useTranslations('id');

describe('translateMessage()', () => {
  it('fills the values carried beside a key', () => {
    expect(translateMessage({ key: 'errors.tooLong', params: { max: 80 } }, t)).toBe(
      'Terlalu panjang: paling banyak 80 huruf.',
    );
  });
});

describe('issueMessage()', () => {
  it("takes a length rule's limit from the issue itself", () => {
    const [issue] = requiredText(80).safeParse('a'.repeat(81)).error?.issues ?? [];
    expect(issue && translateMessage(issueMessage(issue), t)).toBe('Terlalu panjang: paling banyak 80 huruf.');
  });

  it('never shows a developer string to a person', () => {
    const [issue] = z.string().safeParse(null).error?.issues ?? [];
    expect(issue && translateMessage(issueMessage(issue), t)).toBe('Isian ini tidak sah.');
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
    const error = await asAction(
      () => Promise.reject(new DomainError('errors.usernameTaken', { field: 'username' })),
      t,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(formErrors(error, t).fields).toEqual({ username: 'Nama pengguna ini sudah dipakai. Pilih yang lain.' });
  });

  it("shows a refusal's own sentence for the form, and a generic one for a bug", () => {
    expect(formErrors(new ActionError({ code: 'FORBIDDEN', message: 'Anda tidak punya izin.' }), t).form).toBe(
      'Anda tidak punya izin.',
    );
    const bug = new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'SQLITE_BUSY: database is locked' });
    expect(formErrors(bug, t).form).toBe(t('errors.generic'));
    expect(formErrors(new Error('database exploded'), t).form).toBe(t('errors.generic'));
  });
});
