import type { PlayerItem } from '../../types.ts';
import type { Translate } from './labels.ts';

/** The row of numbered buttons, one per question and a last one for the review, showing which are answered. */
export function ProgressDots(props: {
  items: PlayerItem[];
  chosen: Record<string, string>;
  position: number;
  onGo: (index: number) => void;
  t: Translate;
}) {
  const { items, chosen, position, onGo, t } = props;
  const total = items.length;
  return (
    <nav className="player__dots" aria-label={t('player.progress')}>
      <ol>
        {items.map((each, index) => {
          const answered = chosen[each.questionId] !== undefined;
          return (
            <li key={each.questionId}>
              <button
                type="button"
                className={`player__dot ${answered ? 'player__dot--answered' : ''}`}
                aria-label={t(answered ? 'player.dot.answered' : 'player.dot.unanswered', { n: index + 1 })}
                aria-current={index === position ? 'step' : undefined}
                onClick={() => {
                  onGo(index);
                }}
              >
                {index + 1}
              </button>
            </li>
          );
        })}
        <li>
          <button
            type="button"
            className="player__dot player__dot--review"
            aria-label={t('player.dot.review')}
            aria-current={position === total ? 'step' : undefined}
            onClick={() => {
              onGo(total);
            }}
          >
            ✓
          </button>
        </li>
      </ol>
    </nav>
  );
}
