import type { WorkshopPhase, WorkshopPurpose } from '../../../db/schema.ts';

// Pure rules of a workshop: its join code and the order of its phases.

/** No 0/O, 1/I: a code read from a projector across a room must not be mistyped. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

/** A fresh join code from cryptographic randomness. */
export function generateCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  // 256 is a multiple of the 32-letter alphabet, so every letter is equally likely.
  return Array.from(bytes, (byte) => CODE_ALPHABET.charAt(byte % CODE_ALPHABET.length)).join('');
}

/** What a person typed, as a code: upper case, spaces and dashes dropped; null when it cannot be one. */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  return /^[A-HJ-NP-Z2-9]+$/.test(code) ? code : null;
}

/** How often a workshop tablet reports what it holds (the board refreshes every 3 s). */
export const REPORT_INTERVAL_MS = 4_000;

/** A tablet that has not reported for this long, with a test open, counts as out of touch. */
export const SILENT_AFTER_MS = 20_000;

/** An answer given this recently is on its way; a report counts it as unsent only after this long. */
export const UNSENT_GRACE_MS = 5_000;

/** What follows each phase: a learning workshop's pre-test → materi → post-test, a retention workshop's one test. */
const NEXT_PHASE: Record<WorkshopPhase, WorkshopPhase | null> = {
  pre_test: 'materi',
  materi: 'post_test',
  post_test: 'selesai',
  retention_test: 'selesai',
  selesai: null,
};

/** The phase after `phase`, or null at the end. Phases only move forward. */
export function nextPhase(phase: WorkshopPhase): WorkshopPhase | null {
  return NEXT_PHASE[phase];
}

/** The phase a new workshop starts in. */
export const firstPhase = (purpose: WorkshopPurpose): WorkshopPhase =>
  purpose === 'retention' ? 'retention_test' : 'pre_test';
