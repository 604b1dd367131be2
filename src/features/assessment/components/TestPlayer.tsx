import { useEffect, useId, useRef } from 'react';
import type { PlayerAttempt } from '../types.ts';
import { useText } from './test-player/labels.ts';
import { ProgressDots } from './test-player/ProgressDots.tsx';
import { QuestionNav } from './test-player/QuestionNav.tsx';
import { QuestionScreen } from './test-player/QuestionScreen.tsx';
import { ReviewScreen } from './test-player/ReviewScreen.tsx';
import { StatusLine } from './test-player/StatusLine.tsx';
import { useAttempt } from './test-player/use-attempt.ts';
import { useReadAloud } from './test-player/use-read-aloud.ts';

export type { PlayerLabels } from './test-player/labels.ts';

type Props = { attempt: PlayerAttempt; labels: Record<string, string> };

/**
 * The test player island: one question per screen, then a review screen with "Kumpulkan". Answers are kept on
 * the device first and sent in the background, so a dropped connection or a reload loses nothing.
 */
export default function TestPlayer({ attempt, labels }: Props) {
  const t = useText(labels);
  const speech = useReadAloud();
  // Made here, not in the screens, so each id stays the same as the screens come and go.
  const questionTextId = useId();
  const remainingId = useId();
  const { chosen, position, syncStatus, submitState, submit, moveTo, choose } = useAttempt(attempt, t);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const { items } = attempt;
  const total = items.length;

  // Screen readers and keyboards follow the question: focus moves to its heading.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [position]);

  const go = (to: number) => {
    moved.current = true;
    speech.stop();
    moveTo(to);
  };

  if (attempt.submitted) {
    return (
      <div className="player">
        <div className="alert alert--success">
          <p>{t('player.submitted')}</p>
          <p>
            <a className="button" href={attempt.resultUrl}>
              {t('player.seeResult')}
            </a>
          </p>
        </div>
      </div>
    );
  }
  if (total === 0) {
    return (
      <div className="player">
        <p className="alert">{t('player.empty')}</p>
      </div>
    );
  }

  const answeredCount = items.filter((item) => chosen[item.questionId] !== undefined).length;
  const item = position < total ? items[position] : undefined;

  return (
    <div className="player">
      <ProgressDots items={items} chosen={chosen} position={position} onGo={go} t={t} />

      {item ? (
        <QuestionScreen
          key={item.questionId}
          item={item}
          position={position}
          total={total}
          textId={questionTextId}
          headingRef={heading}
          selected={chosen[item.questionId]}
          speech={speech}
          onChoose={(optionId) => {
            choose(item.questionId, optionId);
          }}
          t={t}
        />
      ) : (
        <ReviewScreen
          items={items}
          chosen={chosen}
          remaining={total - answeredCount}
          busy={submitState === 'sending' || submitState === 'done'}
          sending={submitState === 'sending'}
          remainingId={remainingId}
          headingRef={heading}
          onChange={go}
          onSubmit={() => void submit(false)}
          t={t}
        />
      )}

      <StatusLine submitState={submitState} syncStatus={syncStatus} answeredCount={answeredCount} t={t} />

      {item && <QuestionNav position={position} total={total} onGo={go} t={t} />}
    </div>
  );
}
