import { randomInt } from 'node:crypto';
import { hash, type Options } from '@node-rs/argon2';
import { generatePin } from '../auth/pin.ts';
import { passwordProblem } from '../auth/password.ts';

// Speed: one argon2id hash at the app's parameters (19 MiB, t = 2) takes 12.5 ms here, 7.2 ms each when
// run concurrently (libuv's four threads on two cores), and three to four times that while other work loads
// the machine: 15,000 of them alone would take 108 s or more. So:
// - hashes run concurrently through @node-rs/argon2's async API, in batches, off the event loop;
// - secrets the import generates are hashed with argon2id at 4 MiB, t = 1 (0.8 ms each concurrently).
//   The cost parameters slow down guessing of secrets people choose. A generated first password has about
//   59 random bits: out of reach at any cost, and replaced at the first sign-in by the officer's own
//   password, which `hashSecret` hashes at full strength (as every password of staff and admins). A 6-digit
//   PIN has 10^6 values: at any argon2 cost an offline guesser goes through them in core-hours, so a PIN is
//   protected by the sign-in rate limit (auth/rate-limit.ts), not by the hash's cost.
// argon2 keeps its parameters in the hash, so `verifySecret` checks these as it checks the others.
const GENERATED_ARGON2ID: Options = { memoryCost: 4096, timeCost: 1, parallelism: 1 };

const BATCH = 64;

/** Letters and digits that cannot be misread on a printed card (no 0/o, 1/l/i). */
const CARD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A first password for a card: three groups of four, e.g. "k7mq-r4xp-t9wb" (about 59 bits). */
export function generateFirstPassword(username: string): string {
  for (;;) {
    const group = () => Array.from({ length: 4 }, () => CARD_ALPHABET[randomInt(CARD_ALPHABET.length)]).join('');
    const password = `${group()}-${group()}-${group()}`;
    if (!passwordProblem(password, username)) return password;
  }
}

export type NewSecret = { kind: 'pin' | 'password'; secret: string };

/** The hashes of generated `secrets`, in order, computed a batch at a time (never for a chosen secret). */
export async function hashSecrets(secrets: NewSecret[], onProgress?: (done: number) => void): Promise<string[]> {
  const hashes: string[] = [];
  for (let start = 0; start < secrets.length; start += BATCH) {
    const batch = secrets.slice(start, start + BATCH);
    hashes.push(...(await Promise.all(batch.map(({ secret }) => hash(secret, GENERATED_ARGON2ID)))));
    onProgress?.(hashes.length);
  }
  return hashes;
}

/** A PIN for a member or a first password for an officer. */
export function newSecretFor(role: 'anggota' | 'pengurus', username: string): NewSecret {
  return role === 'anggota'
    ? { kind: 'pin', secret: generatePin(6) }
    : { kind: 'password', secret: generateFirstPassword(username) };
}
