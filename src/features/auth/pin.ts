import { randomInt } from 'node:crypto';
import { pin } from '../../lib/forms.ts';

// PINs a guesser tries first. The 4-digit list is the top 20 of DataGenetics' study of 3.4 million leaked
// PINs (Nick Berry, "PIN analysis", 2012), which together cover about 27 % of all PINs; then the most
// common 6-digit PINs of leaked lists (see Markert et al., "This PIN Can Be Easily Guessed", IEEE S&P
// 2020) and straight lines on a keypad (2580, 147258). Repeated digits, runs (1234, 4321, 7890) and blocks
// (1212, 123123) are caught by rule, and years 1950–2029: birth years and this year are early guesses.
// prettier-ignore
const COMMON_PINS = new Set([
  '1234', '1111', '0000', '1212', '7777', '1004', '2000', '4444', '2222', '6969',
  '9999', '3333', '5555', '6666', '1122', '1313', '8888', '4321', '2001', '1010',
  '123456', '654321', '111111', '000000', '123123', '666666', '121212', '112233', '789456', '159753',
  '2580', '0852', '147258', '520520', '123321', '696969',
]);

/** Every step between neighbouring digits is +1 (or −1), wrapping 9 → 0: 1234, 7890, 4321, 0987. */
function isRun(digits: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** The PIN is a shorter block said again: 1212, 123123, 121212 (and 5555). */
function isRepeatedBlock(digits: string): boolean {
  return /^(\d{1,3})\1+$/.test(digits);
}

const isCommonYear = (digits: string) => digits.length === 4 && Number(digits) >= 1950 && Number(digits) <= 2029;

/** True for PINs a guesser would try first; refused when a PIN is set, never when one is used. */
export function isWeakPin(digits: string): boolean {
  return COMMON_PINS.has(digits) || isRun(digits) || isRepeatedBlock(digits) || isCommonYear(digits);
}

/** A new PIN: 4–6 digits and not weak. Signing in and joining still accept an existing weak PIN. */
export const newPin = () => pin().refine((value) => !isWeakPin(value), 'errors.pinWeak');

/** A random PIN of `length` digits (crypto random) that is never weak, to suggest to a member. */
export function generatePin(length = 6): string {
  for (;;) {
    const digits = Array.from({ length }, () => String(randomInt(10))).join('');
    if (!isWeakPin(digits)) return digits;
  }
}
