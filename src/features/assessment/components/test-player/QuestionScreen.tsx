import type { RefObject } from 'react';
import type { PlayerItem } from '../../types.ts';
import { letter, type Translate } from './labels.ts';
import { NumberBox } from './NumberBox.tsx';
import { Options } from './Options.tsx';
import type { ReadAloud } from './use-read-aloud.ts';

function SpeakerIcon() {
  return (
    <svg className="player__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9v6h4l5 5V4L7 9H3z" fill="currentColor" />
      <path
        d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** One question: its heading (focused on arrival), the "Dengarkan" button and the options or the number box. */
export function QuestionScreen(props: {
  item: PlayerItem;
  position: number;
  total: number;
  /** From the player, so the id stays the same from question to question. */
  textId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  selected: string | undefined;
  speech: ReadAloud;
  /** An option's id, or a numeric item's canonical digits. */
  onChoose: (optionId: string) => void;
  t: Translate;
}) {
  const { item, position, total, textId, headingRef, selected, speech, onChoose, t } = props;

  const readAloud = () => {
    if (speech.speaking) {
      speech.stop();
      return;
    }
    speech.speak([
      t('player.questionOf', { n: position + 1, total }),
      item.text,
      ...(item.type === 'number' ? [t('player.number.spoken')] : []),
      ...item.options.map((option, i) => t('player.optionSpoken', { letter: letter(i), text: option.text })),
    ]);
  };

  return (
    <section className="player__question">
      <h2 className="player__heading" ref={headingRef} tabIndex={-1}>
        <span className="player__count">{t('player.questionOf', { n: position + 1, total })}</span>
        <span className="player__text" id={textId}>
          {item.text}
        </span>
      </h2>
      <button
        type="button"
        className="button--secondary player__listen"
        aria-pressed={speech.speaking}
        onClick={readAloud}
      >
        <SpeakerIcon />
        {speech.speaking ? t('player.stopListening') : t('player.listen')}
      </button>
      {speech.noVoiceShown && (
        <p className="alert" role="status">
          {t('player.noVoice')}
        </p>
      )}
      {item.type === 'number' ? (
        <NumberBox item={item} labelledBy={textId} selected={selected} onAnswer={onChoose} t={t} />
      ) : (
        <Options item={item} labelledBy={textId} selected={selected} onChoose={onChoose} />
      )}
    </section>
  );
}
