import { sha256 } from '@oslojs/crypto/sha2';
import { CERTIFICATE_CODE_CLASS, CERTIFICATE_CODE_LENGTH } from '../../../db/schema.ts';

// A certificate's verification code: 10 characters of Crockford's base 32 (50 bits), printed as `ABCDE-12345`.
// It is worked out from the person's id, the module and the serial, so the district and a field server that
// issue the same certificate give it the same code. Person ids are random and never shown to the public, so a
// code cannot be guessed from a name; 2^50 codes make trying them one by one useless.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The database's own rule for a code (its GLOB class reads the same as a regular expression's). */
const CODE = new RegExp(`^${CERTIFICATE_CODE_CLASS}{${String(CERTIFICATE_CODE_LENGTH)}}$`);

/** The code of `serial`-th certificate of this person for this module. */
export function certificateCode(personId: string, moduleSlug: string, serial: number): string {
  const digest = sha256(new TextEncoder().encode(`kube-berdaya/certificate\n${personId}\n${moduleSlug}\n${serial}`));
  let code = '';
  for (let index = 0; index < CERTIFICATE_CODE_LENGTH; index += 1) {
    // Five bits at a time, from the first bytes of the digest.
    const bit = index * 5;
    const byte = bit >> 3;
    const pair = ((digest[byte] ?? 0) << 8) | (digest[byte + 1] ?? 0);
    code += ALPHABET.charAt((pair >> (11 - (bit & 7))) & 31);
  }
  return code;
}

/** `ABCDE12345` → `ABCDE-12345`, the way it is printed and read aloud. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What someone typed (or a QR opened) as a stored code, or null when it cannot be one. Case, spaces and dashes do
 * not matter, and the letters Crockford's alphabet leaves out are read as what they look like (O → 0, I and L → 1).
 */
export function parseCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CODE.test(code) ? code : null;
}
