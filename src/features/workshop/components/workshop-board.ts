import type { BoardRow } from '../board-rules.ts';
import { formatTime, type Locale, type Translate } from '../../../i18n/index.ts';

/** What a tablet holds of a member's answers, in words: unsent answers, a pending hand-in, silence. */
export function describeHolding(row: BoardRow, t: Translate, locale: Locale): string {
  const parts: string[] = [];
  if (row.unsent > 0) parts.push(t('board.unsent', { count: row.unsent }));
  if (row.submitPending) parts.push(t('board.submitPending'));
  if (row.silentSince) parts.push(t('board.silent', { time: formatTime(locale, row.silentSince) }));
  return parts.join('; ');
}
