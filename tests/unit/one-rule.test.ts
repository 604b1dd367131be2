import { describe, expect, it } from 'vitest';
import { newPasswordIssues } from '../../src/features/auth/password.ts';
import { createPersonInput, resetSecretInput, updatePersonInput } from '../../src/features/people/schemas.ts';
import { newId } from '../../src/lib/ids.ts';
import { optionalRecordId, recordId } from '../../src/lib/forms.ts';

// One rule for a row id and one for a new password, whichever form uses them.

const messagesAt = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } | undefined }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('recordId()', () => {
  it('accepts the ids the server, the demo and the scripts make', () => {
    for (const id of [newId(), 'demoadmindemo', 'kubemaju1', 'loadmember12']) expect(recordId().parse(id)).toBe(id);
  });

  it.each(['short', 'a'.repeat(41), 'Kube-Maju-1', "x' OR '1'='1", '../../etc'])('refuses %j', (id) => {
    expect(recordId().safeParse(id).success).toBe(false);
    expect(recordId('errors.choice').safeParse(id).error?.issues[0]?.message).toBe('errors.choice');
  });

  it('lets an optional select stay empty', () => {
    expect(optionalRecordId().parse('')).toBeNull();
    expect(optionalRecordId().parse(null)).toBeNull();
    expect(optionalRecordId().safeParse('short').success).toBe(false);
  });

  it('is the rule of the people forms too, which once took any 1–64 characters', () => {
    const person = { name: 'Sumarni', username: 'sumarni', role: 'anggota', kubeId: 'kubemaju1' };
    expect(messagesAt(updatePersonInput.safeParse({ ...person, id: 'short' }))).toEqual({ id: 'errors.invalid' });
    expect(messagesAt(updatePersonInput.safeParse({ ...person, id: 'kubemaju1', kubeId: '<b>x</b>' }))).toEqual({
      kubeId: 'errors.invalid',
    });
    expect(messagesAt(resetSecretInput.safeParse({ kind: 'pin', id: 'a'.repeat(41), pin: '13579' }))).toEqual({
      id: 'errors.invalid',
    });
  });
});

describe('newPasswordIssues()', () => {
  it('names the password first, then a second copy that differs', () => {
    expect(newPasswordIssues('Sate-Kambing-Nganjuk', 'Sate-Kambing-Nganjuk')).toEqual([]);
    expect(newPasswordIssues('pendek', 'lain')).toEqual([
      { field: 'password', key: 'errors.passwordShort' },
      { field: 'passwordConfirm', key: 'errors.passwordMismatch' },
    ]);
    expect(newPasswordIssues('rina.pendamping-2024', 'rina.pendamping-2024', 'rina.pendamping')).toEqual([
      { field: 'password', key: 'errors.passwordHasUsername' },
    ]);
  });

  it('is the check an admin meets when creating a person or resetting a password', () => {
    const staff = { name: 'Rina', username: 'rina.pendamping', role: 'pendamping' };
    for (const [password, confirm] of [
      ['pendek', 'lain'],
      ['rina.pendamping-2024', 'rina.pendamping-2024'],
      ['Sate-Kambing-Nganjuk', 'Sate-Kambing-Ngawi'],
    ] as const) {
      const expected = Object.fromEntries(
        newPasswordIssues(password, confirm, staff.username).map((issue) => [issue.field, issue.key]),
      );
      const created = createPersonInput.safeParse({ ...staff, password, passwordConfirm: confirm });
      expect(messagesAt(created)).toEqual(expected);
      const reset = resetSecretInput.safeParse({
        kind: 'password',
        id: 'kubemaju1',
        password,
        passwordConfirm: confirm,
      });
      // The reset form does not know the username; the service checks that part again.
      expect(messagesAt(reset)).toEqual(
        Object.fromEntries(newPasswordIssues(password, confirm).map((issue) => [issue.field, issue.key])),
      );
    }
  });
});
