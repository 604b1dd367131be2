import type { Translate } from './labels.ts';

/** "Sebelumnya" and "Berikutnya" under a question; on the last one "Berikutnya" becomes "Periksa jawaban". */
export function QuestionNav(props: { position: number; total: number; onGo: (index: number) => void; t: Translate }) {
  const { position, total, onGo, t } = props;
  return (
    <div className="player__nav">
      {position > 0 && (
        <button
          type="button"
          className="button--secondary"
          onClick={() => {
            onGo(position - 1);
          }}
        >
          <span aria-hidden="true">←</span> {t('player.previous')}
        </button>
      )}
      <button
        type="button"
        className="player__next"
        onClick={() => {
          onGo(position + 1);
        }}
      >
        {position === total - 1 ? t('player.toReview') : t('player.next')} <span aria-hidden="true">→</span>
      </button>
    </div>
  );
}
