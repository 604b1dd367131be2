import { actions } from 'astro:actions';
import { listHeld } from '../../assessment/answer-store.ts';
import { sendHeldAnswers } from '../../assessment/hand-over.ts';
import { REPORT_INTERVAL_MS, UNSENT_GRACE_MS } from '../rules.ts';

// A workshop tablet's heartbeat: the attempts it holds and their unsent answers go to the server every few
// seconds (the board shows them); the reply carries the phase, and a tablet showing lessons follows it.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REPORTED = 50;

const host = document.getElementById('workshop-tablet');
const shownPhase = host?.dataset['phase'];
const follow = host?.dataset['follow'] === '1';
const personId = host?.dataset['person'];
let timer: ReturnType<typeof setInterval> | undefined;
let busy = false;

async function report(): Promise<void> {
  if (busy || !navigator.onLine) return;
  busy = true;
  try {
    const held = listHeld(Date.now(), UNSENT_GRACE_MS)
      .filter((attempt) => UUID.test(attempt.attemptId))
      .slice(0, MAX_REPORTED)
      .map(({ attemptId, unsent, submitPending }) => ({ attemptId, unsent, submitPending }));
    const { data, error } = await actions.workshop.report({ held });
    if (error) {
      // Signed out (the session ended) or refused: nothing more to report from this page.
      if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') clearInterval(timer);
      // The workshop closed or the session ran out: leave this member's page for the hand-over screen.
      if (error.code === 'UNAUTHORIZED') window.location.assign('/gabung');
      return;
    }
    // What earlier members left unsent on this tablet (this member's own player sends theirs).
    if (personId) await sendHeldAnswers(personId);
    if (follow && data.phase !== shownPhase) window.location.assign(data.target);
  } catch {
    // Offline or the server is away: the next beat tries again.
  } finally {
    busy = false;
  }
}

if (host) {
  void report();
  timer = setInterval(() => void report(), REPORT_INTERVAL_MS);
  window.addEventListener('online', () => void report());
}
