import { useCallback } from 'react';

/**
 * Every text the player shows: the `player.*` keys of src/i18n/<lang>/player.json, passed in by the page.
 * Placeholders such as `{n}` are filled here. The comments give the Indonesian text.
 */
export type PlayerLabels = {
  /** Soal {n} dari {total} */
  'player.questionOf': string;
  /** Daftar soal (name of the row of question buttons) */
  'player.progress': string;
  /** Soal {n}, sudah dijawab */
  'player.dot.answered': string;
  /** Soal {n}, belum dijawab */
  'player.dot.unanswered': string;
  /** Periksa semua jawaban (the last button in the row) */
  'player.dot.review': string;
  /** Sebelumnya */
  'player.previous': string;
  /** Berikutnya */
  'player.next': string;
  /** Periksa jawaban (the "next" button on the last question) */
  'player.toReview': string;
  /** Dengarkan */
  'player.listen': string;
  /** Berhenti */
  'player.stopListening': string;
  /** Perangkat ini belum punya suara bahasa Indonesia… (how to add one, shown once when "Dengarkan" cannot speak) */
  'player.noVoice': string;
  /** Pilihan {letter}. {text} (spoken) */
  'player.optionSpoken': string;
  /** Periksa jawaban Anda */
  'player.review.title': string;
  /** Lihat lagi jawaban Anda. Tekan Ubah untuk mengganti jawaban. */
  'player.review.intro': string;
  /** Jawaban Anda: */
  'player.review.yourAnswer': string;
  /** Belum dijawab */
  'player.review.notAnswered': string;
  /** Ubah */
  'player.review.change': string;
  /** Ubah jawaban soal {n} */
  'player.review.changeLabel': string;
  /** Masih ada {count} soal yang belum dijawab. … */
  'player.remaining': string;
  /** Semua soal sudah dijawab. Tekan Kumpulkan kalau sudah yakin. */
  'player.allAnswered': string;
  /** Kumpulkan */
  'player.submit': string;
  /** Sedang mengumpulkan… */
  'player.submitting': string;
  /** Tes ini sudah dikumpulkan. */
  'player.submitted': string;
  /** Tes sudah terkumpul. Membuka hasil… */
  'player.submitDone': string;
  /** Belum terkirim. Pengumpulan akan dicoba lagi saat internet tersambung. */
  'player.submitOffline': string;
  /** Lihat hasil */
  'player.seeResult': string;
  /** Jawaban tersimpan di perangkat ini dan sudah terkirim. */
  'player.status.saved': string;
  /** Jawaban tersimpan di perangkat ini, menunggu dikirim. */
  'player.status.pending': string;
  /** Internet terputus. Jawaban tetap tersimpan di tablet ini dan akan dikirim otomatis. */
  'player.status.offline': string;
  /** Shown when the server's refusal is not a readable sentence. */
  'player.error.generic': string;
  /** Tes ini belum punya soal. … */
  'player.empty': string;
  /** Jawaban Anda (tulis angkanya): the numeric item's box */
  'player.number.label': string;
  /** Tulis angka saja, misalnya 1250000. (under an empty box) */
  'player.number.hint': string;
  /** Terbaca: {value} (the number the player read, e.g. "Rp 1.250.000") */
  'player.number.echo': string;
  /** Tulis jawaban Anda berupa angka di kotak. (spoken after a numeric item's text) */
  'player.number.spoken': string;
  /** Why a typed value is not a number: the server's sentences for the same problems. */
  'assessment.errors.number.empty': string;
  'assessment.errors.number.negative': string;
  'assessment.errors.number.notNumber': string;
  'assessment.errors.number.decimal': string;
  'assessment.errors.number.grouping': string;
  'assessment.errors.number.tooLong': string;
};
export type LabelKey = keyof PlayerLabels;
export type LabelVars = Record<string, string | number>;
/** What the player's pieces call to show a label: `t('player.questionOf', { n: 1, total: 15 })`. */
export type Translate = (key: LabelKey, vars?: LabelVars) => string;

/** The label for `key` with its `{name}` placeholders filled; a missing label or value shows as written. */
export function formatLabel(labels: Record<string, string>, key: LabelKey, vars?: LabelVars): string {
  const text = labels[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match)) : text;
}

/** `formatLabel` bound to the page's labels, stable while they are. */
export function useText(labels: Record<string, string>): Translate {
  return useCallback((key: LabelKey, vars?: LabelVars) => formatLabel(labels, key, vars), [labels]);
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The letter shown and spoken before an option: A, B, C… (a number past Z). */
export const letter = (index: number) => LETTERS[index] ?? String(index + 1);
