import { ActionError, isInputError } from 'astro:actions';
import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../src/i18n/index.ts';
import { asAction, fieldError, formErrors, refusal } from '../../src/lib/action-errors.ts';
import { DomainError, translateMessage } from '../../src/lib/errors.ts';

const id = useTranslations('id');
const en = useTranslations('en');
const refusedWith = (error: DomainError, t = id) => asAction(() => Promise.reject(error), t).catch((e: unknown) => e);

describe('DomainError', () => {
  it('carries its key, values, field and code as data', () => {
    const error = new DomainError('kube.errors.positionTaken', {
      field: 'jabatanCode',
      params: { jabatan: 'Ketua', name: 'Siti | Aminah=1' },
      code: 'CONFLICT',
    });
    expect(error).toMatchObject({
      key: 'kube.errors.positionTaken',
      params: { jabatan: 'Ketua', name: 'Siti | Aminah=1' },
      field: 'jabatanCode',
      code: 'CONFLICT',
    });
    // Values are data, not text to parse back: a name with "|" or "=" reaches the sentence whole.
    expect(translateMessage(error, id)).toContain('dipegang Siti | Aminah=1.');
  });

  it('defaults to a form-wide BAD_REQUEST', () => {
    expect(new DomainError('people.errors.lastAdmin')).toMatchObject({ field: null, code: 'BAD_REQUEST' });
  });
});

describe('asAction()', () => {
  it('answers a refusal without a field with an ActionError in the reader’s language', async () => {
    const error = new DomainError('assessment.errors.missing', { params: { count: 2 } });
    const [inId, inEn] = [await refusedWith(error, id), await refusedWith(error, en)];
    expect(inId).toBeInstanceOf(ActionError);
    expect(inId).toMatchObject({ code: 'BAD_REQUEST', message: id('assessment.errors.missing', { count: 2 }) });
    expect(inEn).toMatchObject({ message: en('assessment.errors.missing', { count: 2 }) });
    expect((inEn as ActionError).message).toContain('2');
  });

  it('keeps the code of a refusal', async () => {
    const error = await refusedWith(new DomainError('workshop.errors.closed', { code: 'CONFLICT' }));
    expect(error).toMatchObject({ code: 'CONFLICT', message: id('workshop.errors.closed') });
  });

  it('answers a refusal tied to a field as an input error with the key and values as data', async () => {
    const error = await refusedWith(
      new DomainError('kube.errors.alreadyHolds', { field: 'personId', params: { jabatan: 'Bendahara' } }),
    );
    expect(isInputError(error)).toBe(true);
    expect(formErrors(error, id)).toEqual({
      form: id('common.formHasErrors'),
      fields: { personId: 'Orang ini sudah memegang jabatan Bendahara pada tanggal itu.' },
    });
  });

  it('rethrows anything else, so a bug is never shown as a refusal', async () => {
    const bug = new Error('SQLITE_BUSY');
    await expect(asAction(() => Promise.reject(bug), id)).rejects.toBe(bug);
  });
});

describe('refusal() and fieldError()', () => {
  it('write the sentence with its values on the server', () => {
    const slow = refusal(id, 'TOO_MANY_REQUESTS', { key: 'signIn.slowDown', params: { minutes: 15 } });
    expect(slow.message).toBe(id('signIn.slowDown', { minutes: 15 }));
    expect(slow.message).toContain('15 menit');
    expect(formErrors(slow, id).form).toBe(slow.message);
  });

  it('tie a field refusal to its field', () => {
    let thrown: unknown;
    try {
      fieldError('passwordConfirm', 'errors.passwordMismatch');
    } catch (error) {
      thrown = error;
    }
    expect(formErrors(thrown, en).fields).toEqual({ passwordConfirm: en('errors.passwordMismatch') });
  });
});
