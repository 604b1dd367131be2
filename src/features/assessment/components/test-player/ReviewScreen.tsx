import type { RefObject } from 'react';
import { formatNumberAnswer } from '../../number-answer.ts';
import type { PlayerItem } from '../../types.ts';
import { letter, type Translate } from './labels.ts';

/** An answer as the review lists it: "B. Catat di buku kas", or the number read back ("Rp 1.250.000"). */
function answerShown(item: PlayerItem, chosen: string | undefined): string | null {
  if (chosen === undefined) return null;
  if (item.type === 'number') return formatNumberAnswer(chosen, item.unit);
  const index = item.options.findIndex((option) => option.id === chosen);
  const option = item.options[index];
  return option ? `${letter(index)}. ${option.text}` : null;
}

/** The last screen: every question with its answer, a way back to change each, and "Kumpulkan". */
export function ReviewScreen(props: {
  items: PlayerItem[];
  chosen: Record<string, string>;
  remaining: number;
  /** Sending or sent: the button stays focusable but does nothing. */
  busy: boolean;
  sending: boolean;
  /** From the player, so the id stays the same each time the review is shown. */
  remainingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onChange: (index: number) => void;
  onSubmit: () => void;
  t: Translate;
}) {
  const { items, chosen, remaining, busy, sending, remainingId, headingRef, onChange, onSubmit, t } = props;
  return (
    <section className="player__question">
      <h2 className="player__heading" ref={headingRef} tabIndex={-1}>
        {t('player.review.title')}
      </h2>
      <p>{t('player.review.intro')}</p>
      <ol className="player__review">
        {items.map((each, index) => {
          const answer = answerShown(each, chosen[each.questionId]);
          return (
            <li key={each.questionId} className="player__review-item">
              <div>
                <p className="player__review-question">
                  {index + 1}. {each.text}
                </p>
                {answer ? (
                  <p>
                    <span className="muted">{t('player.review.yourAnswer')}</span> <strong>{answer}</strong>
                  </p>
                ) : (
                  <p className="player__missing">{t('player.review.notAnswered')}</p>
                )}
              </div>
              <button
                type="button"
                className="button--secondary"
                aria-label={t('player.review.changeLabel', { n: index + 1 })}
                onClick={() => {
                  onChange(index);
                }}
              >
                {t('player.review.change')}
              </button>
            </li>
          );
        })}
      </ol>
      <p id={remainingId} className={remaining > 0 ? 'alert' : 'alert alert--success'}>
        {remaining > 0 ? t('player.remaining', { count: remaining }) : t('player.allAnswered')}
      </p>
      <button
        type="button"
        className="player__submit"
        disabled={remaining > 0}
        aria-disabled={busy || undefined}
        aria-describedby={remainingId}
        onClick={() => {
          if (!busy) onSubmit();
        }}
      >
        {sending ? t('player.submitting') : t('player.submit')}
      </button>
    </section>
  );
}
