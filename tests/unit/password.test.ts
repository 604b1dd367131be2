import { describe, expect, it } from 'vitest';
import { hashSecret, isCommonPassword, passwordProblem, verifySecret } from '../../src/features/auth/password.ts';

describe('passwordProblem()', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('Kambing-Etawa-Prambon', 'qomar')).toBeNull();
  });

  it.each([
    ['pendek', 'errors.passwordShort'],
    ['password123', 'errors.passwordCommon'],
    ['12345678', 'errors.passwordCommon'],
    ['bismillah', 'errors.passwordCommon'],
    ['aaaaaaaaaa', 'errors.passwordCommon'],
    ['x'.repeat(129), 'errors.passwordLong'],
  ])('refuses %j with %s', (password, key) => {
    expect(passwordProblem(password)).toBe(key);
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('siti.aminah-2024', 'siti.aminah')).toBe('errors.passwordHasUsername');
  });

  it('knows tens of thousands of common passwords', () => {
    expect(isCommonPassword('qwerty')).toBe(true);
    expect(isCommonPassword('iloveyou')).toBe(true);
  });
});

describe('hashSecret()', () => {
  it('hashes with argon2id at the ASVS 5.0 parameters and verifies only the right secret', async () => {
    const hashed = await hashSecret('2468');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifySecret(hashed, '2468')).resolves.toBe(true);
    await expect(verifySecret(hashed, '2469')).resolves.toBe(false);
    await expect(verifySecret('not-a-hash', '2468')).resolves.toBe(false);
  });
});
