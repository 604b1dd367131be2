import type { Question } from './content-schemas.ts';
import { contentWords, isNumericOption, isQuoted, mentions, normalizeText, textLength } from './content-lint-words.ts';

// Rules that look at one item at a time (content-lint.ts adds those that look at a form or a module).
// Each answers with what a writer must fix, naming the item, never with a bare count.

export type ItemWords = { item: string; words: string[] };

// A numeric item has no options: the rules about how a key reads beside its distractors do not apply to it
// (its key is a number, and nobody picks it from a list), but it still counts for its objective and form.

function keyOf(question: Question) {
  if (question.type === 'number') return { key: '', distractors: [] };
  const key = question.options.find((o) => o.id === question.correct);
  const distractors = question.options.filter((o) => o.id !== question.correct);
  return { key: key?.text ?? '', distractors: distractors.map((o) => o.text) };
}

/** Whether the item's options are words (not all amounts), so their lengths can cue the key. */
export function hasWordyOptions(question: Question): boolean {
  return question.type !== 'number' && !question.options.every((o) => isNumericOption(o.text));
}

/** The key is longer than every distractor, by characters after trimming (a tie is not a cue). */
export function keyIsLongest(question: Question): boolean {
  if (question.type === 'number') return false;
  const { key, distractors } = keyOf(question);
  return distractors.every((text) => textLength(key) > textLength(text));
}

/**
 * Words of the stem that come back in the key and in no distractor: "Apa guna daftar hadir di setiap
 * pertemuan?" → "… bukti bahwa pertemuan benar diadakan". A test-wise learner matches the echo.
 */
export function stemKeyWords(question: Question): string[] {
  const { key, distractors } = keyOf(question);
  const keyWords = contentWords(key);
  const distractorWords = distractors.flatMap(contentWords);
  return contentWords(question.text).filter((word) => mentions(keyWords, word) && !mentions(distractorWords, word));
}

// The program's value words, which the lessons teach as the right way: where only the key has one, "pick
// the musyawarah option" wins (review §2.3, 14 items). Reported beside the table, not a failure: a stem
// need not name them, so this is a different cue from the stem-key echo above.
const VALUE_WORDS = ['musyawarah', 'bersama', 'catat', 'sepakat', 'tertulis'];

/** Value words (musyawarah, bersama, catat …) in the key and in no distractor. */
export function valueWordsOnlyInKey(question: Question): string[] {
  const { key, distractors } = keyOf(question);
  const lower = key.toLowerCase();
  return VALUE_WORDS.filter((word) => lower.includes(word) && !distractors.some((d) => d.toLowerCase().includes(word)));
}

/** Ids of the options written inside quote marks. */
export function quotedOptions(question: Question): string[] {
  return question.type === 'number' ? [] : question.options.filter((o) => isQuoted(o.text)).map((o) => o.id);
}

/** Groups of item ids (two or more) whose keys read the same once case and punctuation are set aside. */
export function sharedKeys(questions: readonly Question[]): string[][] {
  const byKey = new Map<string, string[]>();
  for (const question of questions) {
    if (question.type === 'number') continue; // two sums may well come to the same amount
    const text = normalizeText(keyOf(question).key);
    byKey.set(text, [...(byKey.get(text) ?? []), question.id]);
  }
  return [...byKey.values()].filter((ids) => ids.length > 1);
}
