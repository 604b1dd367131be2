import { actions } from 'astro:actions';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  allAnswers,
  forgetAttempt,
  loadLocal,
  markSubmitPending,
  mergeServerAnswers,
  saveAnswerLocal,
  savePosition,
} from '../../answer-store.ts';
import { isCanonicalNumber } from '../../number-answer.ts';
import { createSync, settle, type SendResult, type Sync, type SyncStatus } from '../../sync.ts';
import type { AnswerInput, PlayerAttempt } from '../../types.ts';
import type { Translate } from './labels.ts';

export type SubmitState = 'idle' | 'sending' | 'offline' | 'done' | { error: string };

const SUBMIT_RETRY_MS = 15_000;

/**
 * One attempt on this device: the chosen answers and the screen shown (kept in device storage so a reload
 * returns to them), the background sending of answers, and the submission with its retries.
 * `position` runs from 0 to `items.length`; the last value is the review screen.
 */
export function useAttempt(attempt: PlayerAttempt, t: Translate) {
  const { attemptId, personId, items } = attempt;
  const total = items.length;
  const [chosen, setChosen] = useState<Record<string, string>>(() => ({ ...attempt.serverAnswers }));
  const [position, setPosition] = useState(0);
  const [syncStatus, setSyncStatus] = useState<SyncStatus | null>(null);
  const [submitState, setSubmitState] = useState<SubmitState>(attempt.submitted ? 'done' : 'idle');
  const sync = useRef<Sync | null>(null);
  const submitting = useRef(false);

  const isKnown = useCallback(
    (answer: AnswerInput) =>
      items.some(
        (item) =>
          item.questionId === answer.questionId &&
          (item.type === 'number'
            ? isCanonicalNumber(answer.optionId)
            : item.options.some((option) => option.id === answer.optionId)),
      ),
    [items],
  );

  const submit = useCallback(
    async (quiet: boolean) => {
      if (submitting.current) return; // a double tap sends once
      const answers = allAnswers(attemptId).filter(isKnown);
      if (items.some((item) => !answers.some((answer) => answer.questionId === item.questionId))) return;
      submitting.current = true;
      if (!quiet) setSubmitState('sending');
      markSubmitPending(attemptId, true);
      const result: SendResult = await settle(
        () => actions.assessment.submit({ attemptId, answers }),
        t('player.error.generic'),
        30_000,
      );
      if (result === 'ok') {
        sync.current?.stop();
        forgetAttempt(attemptId);
        setSubmitState('done');
        window.location.assign(attempt.resultUrl);
        return; // stays "submitting": nothing more to send from this page
      }
      submitting.current = false;
      if (result === 'offline') {
        setSubmitState('offline');
      } else {
        markSubmitPending(attemptId, false);
        setSubmitState(result);
      }
    },
    [attemptId, attempt.resultUrl, items, isKnown, t],
  );

  // On mount: join the device's answers with the server's, return to the last screen, start sending.
  useEffect(() => {
    if (attempt.submitted) {
      forgetAttempt(attemptId); // the server holds the submission
      return;
    }
    setChosen(mergeServerAnswers(attemptId, personId, attempt.serverAnswers));
    const local = loadLocal(attemptId);
    setPosition(local?.submitted ? total : Math.min(local?.position ?? 0, total));
    const running = createSync({
      attemptId,
      send: (answers) =>
        settle(() => actions.assessment.saveAnswers({ attemptId, answers }), t('player.error.generic')),
      onStatus: setSyncStatus,
    });
    sync.current = running;
    void running.flush();
    if (local?.submitted) void submit(false); // "Kumpulkan" was pressed before a reload: finish it
    return () => {
      running.stop();
      sync.current = null;
    };
    // Runs once per attempt: the attempt and the labels are the island's props, fixed for its life, and `t`
    // and `submit` are memoised on them.
  }, [attemptId, personId, total, attempt.submitted, attempt.serverAnswers, t, submit]);

  // A submission that found no internet is tried again when it returns, and every 15 s meanwhile.
  useEffect(() => {
    if (submitState !== 'offline') return;
    const retry = () => void submit(true);
    const onVisible = () => {
      if (document.visibilityState === 'visible') retry();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(retry, SUBMIT_RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
  }, [submitState, submit]);

  /** Shows question `to` (or the review screen at `items.length`) and remembers it for a reload. */
  const moveTo = (to: number) => {
    const next = Math.max(0, Math.min(to, total));
    setPosition(next);
    savePosition(attemptId, next);
  };

  const choose = (questionId: string, optionId: string) => {
    if (submitState === 'done') return;
    saveAnswerLocal(attemptId, personId, { questionId, optionId, answeredAt: new Date().toISOString() });
    setChosen((current) => ({ ...current, [questionId]: optionId }));
    void sync.current?.flush();
  };

  return { chosen, position, syncStatus, submitState, submit, moveTo, choose };
}
