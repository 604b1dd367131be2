// Text helpers for the content linter (content-lint.ts): how an option's length, a key's identity and a
// "content word" are measured. Kept apart so each measure is written once and tested on its own.

const graphemes = new Intl.Segmenter('id', { granularity: 'grapheme' });

/** Length in characters as a reader sees them ("×", "é" count once) after trimming. */
export function textLength(text: string): number {
  return [...graphemes.segment(text.trim())].length;
}

/** Text compared for "the same key": case, punctuation and spacing do not make two keys different. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * An amount or a count ("Rp280.000", "12", "25 %"): its length says nothing about being right, so items
 * whose options are all numbers stay out of the longest-key share (the review counted 81 of 89 items).
 */
export function isNumericOption(text: string): boolean {
  const rest = text.trim().replace(/^rp\.?\s*/i, '');
  return /\d/.test(rest) && /^[\d\s.,%+−×/:-]+$/.test(rest);
}

const QUOTES = `"'“”‘’«»`;

/** An option written inside quote marks shows them to the learner literally (kk-q04 in the review). */
export function isQuoted(text: string): boolean {
  const trimmed = text.trim();
  const first = trimmed.at(0) ?? '';
  const last = trimmed.at(-1) ?? '';
  return trimmed.length >= 2 && QUOTES.includes(first) && QUOTES.includes(last);
}

// Function words of Indonesian (4 letters or more: shorter words are never content words here), plus the
// question words and hedges stems are made of, and "kube", which every stem and many options name.
const STOP_WORDS = new Set(
  `yang untuk dengan dari pada atau dalam akan juga tidak bisa lebih agar supaya karena harus sudah belum
  masih saja hanya oleh kepada sebuah setiap semua para anda mereka kita kami saat ketika lalu apakah siapa
  bagaimana mengapa kapan berapa adalah ialah yaitu sebagai seperti tersebut dapat boleh perlu paling sangat
  banyak kalau jika bila apabila tentang antara sebelum sesudah setelah hingga sampai tetap sendiri sebaiknya
  tepat benar baik begitu maka namun tetapi walaupun meskipun sedang telah pernah selalu sering biasanya
  mana manakah kube`.split(/\s+/),
);

/** Lower-cased words of 4 letters or more that carry meaning (not in the stop-word list), without repeats. */
export function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length >= 4 && !STOP_WORDS.has(word)))];
}

/**
 * The same word, or one inside the other when both have 5 letters or more: Indonesian builds words with
 * affixes (catat → mencatat, catatan; sepakat → kesepakatan), and a learner sees the echo all the same.
 */
export function relatedWords(a: string, b: string): boolean {
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 5 && (a.includes(b) || b.includes(a));
}

export function mentions(words: readonly string[], word: string): boolean {
  return words.some((other) => relatedWords(word, other));
}
