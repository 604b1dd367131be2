import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { MessageKey } from '../../i18n/index.ts';
import { concurrencyLimit } from '../../lib/concurrency.ts';

// ASVS 5.0 appendix C: argon2id with m = 19 MiB, t = 2, p = 1. Argon2id is the library's default
// algorithm (its `Algorithm` const enum cannot be imported under isolated modules); a test reads the hash.
const ARGON2ID: Options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * Hashes and checks at once: libuv's four threads ran four 19 MiB hashes together in a burst of sign-ins (the
 * server's memory then reached 411–453 MB); two keep both cores busy and half of that memory.
 */
const hashing = concurrencyLimit(2);

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Words Indonesian users reach for first, beside the 49 000 from zxcvbn's common-password list. */
const LOCAL_COMMON = ['bismillah', 'indonesia', 'rahasia', 'sayang', 'sayangku', 'katasandi', 'merdeka', 'kubeberdaya'];

let commonPasswords: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set([...dictionary['passwords-common'], ...LOCAL_COMMON]);
  const lower = password.toLowerCase();
  return commonPasswords.has(lower) || /^(.)\1+$/.test(lower) || /^(0123456789|1234567890)/.test(lower);
}

/** Why a password is not acceptable, as a dictionary key, or null when it is fine. */
export function passwordProblem(password: string, username?: string): MessageKey | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'errors.passwordShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'errors.passwordLong';
  if (isCommonPassword(password)) return 'errors.passwordCommon';
  if (username !== undefined && password.toLowerCase().includes(username.toLowerCase())) {
    return 'errors.passwordHasUsername';
  }
  return null;
}

export type NewPasswordIssue = { field: 'password' | 'passwordConfirm'; key: MessageKey };

/**
 * The one check of a new password typed twice, wherever one is set (first run, own account, an admin's
 * form): the password's own rules, then that the second copy matches. Empty when both are fine.
 */
export function newPasswordIssues(password: string, confirm: unknown, username?: string): NewPasswordIssue[] {
  const issues: NewPasswordIssue[] = [];
  const problem = passwordProblem(password, username);
  if (problem) issues.push({ field: 'password', key: problem });
  if (password !== confirm) issues.push({ field: 'passwordConfirm', key: 'errors.passwordMismatch' });
  return issues;
}

/** Hashes a password or a member's PIN with argon2id. */
export function hashSecret(secret: string): Promise<string> {
  return hashing(() => hash(secret, ARGON2ID));
}

export async function verifySecret(hashed: string, secret: string): Promise<boolean> {
  try {
    return await hashing(() => verify(hashed, secret));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown username cannot be told apart by timing. */
export async function verifyAgainstDummy(secret: string): Promise<false> {
  dummyHash ??= hashSecret('kube-berdaya-dummy-secret');
  await verifySecret(await dummyHash, secret);
  return false;
}
