import { actions } from 'astro:actions';
import { forgetAttempt, listPending, markSent, pruneConfirmed } from './answer-store.ts';

// What a shared tablet does when it changes hands (thank-you screen, join screen, sign-in page): the
// answers of earlier members that never reached the server are sent on their behalf, then everything the
// server has confirmed is dropped from the device, so the next member finds nothing of the one before.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sends the unconfirmed answers this device holds, and the submissions pressed but not confirmed (except
 * `skipPersonId`'s, whose own player sends them).
 * The server refusing an attempt it already has in full (submitted) or does not know ends its record;
 * any other refusal keeps the answers for the member's own player.
 */
export async function sendHeldAnswers(skipPersonId?: string): Promise<void> {
  for (const held of listPending()) {
    if (!UUID.test(held.attemptId) || (skipPersonId && held.personId === skipPersonId)) continue;
    try {
      const { attemptId, answers, submit } = held;
      const { error } = await actions.assessment.sendHeld({ attemptId, answers, submit });
      // A confirmed submission, like an attempt the server already holds in full, leaves nothing to keep.
      if (!error && submit) forgetAttempt(attemptId);
      else if (!error) markSent(attemptId, answers);
      else if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') forgetAttempt(attemptId);
    } catch {
      // Offline: the next hand-over screen tries again.
    }
  }
}

/** Asks the service worker to drop the pages it keeps for the person who just left. */
function forgetCachedPages(): void {
  try {
    navigator.serviceWorker.controller?.postMessage({ type: 'forget' });
  } catch {
    // No service worker: nothing is cached.
  }
}

export async function handOver(): Promise<void> {
  forgetCachedPages();
  pruneConfirmed();
  if (navigator.onLine) await sendHeldAnswers();
  pruneConfirmed();
}
