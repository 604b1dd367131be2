import { formatNumberAnswer } from '../assessment/number-answer.ts';
import type { Question } from '../learning/content-schemas.ts';
import {
  itemFlags,
  itemVersionStats,
  NO_STATS,
  type BankAttempt,
  type ItemFlags,
  type ItemVersionStats,
  type SideStats,
} from './item-bank.ts';

// The item bank page's rows: each item of the bank as it is now (text, key, statistics of its current version),
// grouped by form, and apart the versions no longer in use ("versi lama") with the statistics they gathered.

export type BankItemRow = {
  questionId: string;
  version: number;
  objective: string;
  text: string;
  /** The text of the correct option, or the number (with its unit) for a numeric item. */
  key: string;
  pre: SideStats;
  post: SideStats;
  flags: ItemFlags;
};

export type OldVersionRow = {
  questionId: string;
  version: number;
  /** The version in the bank now; null when the item left the bank. */
  currentVersion: number | null;
  pre: SideStats;
  post: SideStats;
  flags: ItemFlags;
};

export type ItemBankView = {
  /** The bank's forms in order (`null`: a bank whose pre-test and post-test show the same items). */
  forms: { form: 'A' | 'B' | null; items: BankItemRow[] }[];
  old: OldVersionRow[];
  /** Counted attempts read (pre-tests and post-tests). */
  attempts: number;
};

/** The bank's items with the statistics of their current version; older versions listed apart. */
export function buildItemBankView(
  questions: readonly Question[],
  attempts: readonly BankAttempt[],
  stats: readonly ItemVersionStats[] = itemVersionStats(attempts),
): ItemBankView {
  const byKey = new Map(stats.map((s) => [`${s.questionId}@${String(s.version)}`, s]));
  const current = new Map(questions.map((q) => [q.id, q.version]));
  const forms = new Map<'A' | 'B' | null, BankItemRow[]>();
  for (const question of questions) {
    const found = byKey.get(`${question.id}@${String(question.version)}`) ?? NO_STATS;
    const form = question.form ?? null;
    const rows = forms.get(form) ?? [];
    rows.push({
      questionId: question.id,
      version: question.version,
      objective: question.objective,
      text: question.text,
      key:
        question.type === 'number'
          ? formatNumberAnswer(String(question.answer), question.unit)
          : (question.options.find((option) => option.id === question.correct)?.text ?? question.correct),
      pre: found.pre,
      post: found.post,
      flags: itemFlags(found),
    });
    forms.set(form, rows);
  }
  const order = (form: 'A' | 'B' | null) => (form === null ? 0 : form === 'A' ? 1 : 2);
  return {
    forms: [...forms.entries()].sort(([a], [b]) => order(a) - order(b)).map(([form, items]) => ({ form, items })),
    old: stats
      .filter((s) => current.get(s.questionId) !== s.version)
      .map((s) => ({ ...s, currentVersion: current.get(s.questionId) ?? null, flags: itemFlags(s) })),
    attempts: attempts.length,
  };
}
