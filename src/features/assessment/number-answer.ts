// Numeric answers (issue 16, point 3): what a learner types for a cash-book balance, an instalment or a price.
// A villager writes "Rp 1.250.000", "1.250.000" or "1250000,-"; all are the same number, so the device and
// the server both reduce what was typed to one canonical string (digits, no leading zeros, at most 12), and
// scoring compares those strings. Pure, so the player, the plain form and the server agree.

/** The most digits an answer may have (999 999 999 999: far above any KUBE's money). */
export const MAX_DIGITS = 12;

/** Why a typed value is not a number this item can take; each has its sentence in assessment.json. */
export type NumberProblem = 'empty' | 'negative' | 'notNumber' | 'decimal' | 'grouping' | 'tooLong';

export type ParsedNumber = { ok: true; value: string } | { ok: false; problem: NumberProblem };

/**
 * The canonical digits of a typed whole number, or why it is not one. Accepted around the digits: an "Rp"
 * before them, spaces, dots as thousands separators (the Indonesian way), and a ",-" or ",00" after them.
 * A comma with other digits after it is a fraction, refused: items ask for whole rupiah or pieces. Separators
 * must fall every three digits.
 */
export function parseNumberAnswer(typed: string): ParsedNumber {
  let text = typed
    .trim()
    .replace(/^rp\.?/i, '')
    .trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^[-−–]/.test(text)) return { ok: false, problem: 'negative' };
  text = text.replace(/,(-|0+)?$/, '');
  if (/^\d[\d.\s]*,\d+$/.test(text)) return { ok: false, problem: 'decimal' };
  if (!/^\d(?:[\d.\s]*\d)?$/.test(text)) return { ok: false, problem: 'notNumber' };
  // "1.25.000" is a slip of the finger, not a number anyone means: separators come every three digits.
  if (/[.\s]/.test(text) && !/^\d{1,3}(?:[.\s]\d{3})+$/.test(text)) return { ok: false, problem: 'grouping' };
  const digits = text.replace(/[.\s]/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_DIGITS) return { ok: false, problem: 'tooLong' };
  return { ok: true, value: digits };
}

/** Whether a stored answer is already canonical (what the server keeps in `option_id`). */
export const isCanonicalNumber = (value: string) => /^(0|[1-9]\d{0,11})$/.test(value);

/** Canonical digits grouped with dots: "1250000" → "1.250.000". */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A number as the learner reads it: "Rp 1.250.000", "12 bungkus", or "1.250.000" without a unit. */
export function formatNumberAnswer(digits: string, unit: string | undefined): string {
  const grouped = groupDigits(digits);
  if (!unit) return grouped;
  return /^rp\.?$/i.test(unit) ? `Rp ${grouped}` : `${grouped} ${unit}`;
}
