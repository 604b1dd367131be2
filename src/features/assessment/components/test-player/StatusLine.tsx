import type { SyncStatus } from '../../sync.ts';
import type { Translate } from './labels.ts';
import type { SubmitState } from './use-attempt.ts';

/** What the status line says, and its colour: the submission outranks the background sending of answers. */
function describeStatus(
  submitState: SubmitState,
  syncStatus: SyncStatus | null,
  answeredCount: number,
  t: Translate,
): [text: string, kind: string] {
  if (submitState === 'sending') return [t('player.submitting'), 'pending'];
  if (submitState === 'done') return [t('player.submitDone'), 'saved'];
  if (submitState === 'offline') return [t('player.submitOffline'), 'offline'];
  if (typeof submitState === 'object') return [submitState.error, 'error'];
  if (syncStatus?.state === 'error') return [syncStatus.message, 'error'];
  if (syncStatus?.state === 'offline') return [t('player.status.offline'), 'offline'];
  if (syncStatus?.state === 'pending') return [t('player.status.pending'), 'pending'];
  // "Saved" only once something was answered: an untouched test has nothing to report.
  if (syncStatus?.state === 'saved' && answeredCount > 0) return [t('player.status.saved'), 'saved'];
  return ['', 'pending'];
}

/** The polite live region under the question: saving, sending and submitting, in words. */
export function StatusLine(props: {
  submitState: SubmitState;
  syncStatus: SyncStatus | null;
  answeredCount: number;
  t: Translate;
}) {
  const [text, kind] = describeStatus(props.submitState, props.syncStatus, props.answeredCount, props.t);
  return (
    <p className={`player__status player__status--${kind}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
