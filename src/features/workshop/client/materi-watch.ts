import { REPORT_INTERVAL_MS } from '../rules.ts';

// A tablet reading lessons without a sign-in has no session to report through; it asks the workshop's phase
// instead (HEAD to /gabung/fase/<code>: a status, no body, no page rendered). 204: the lessons are still
// open. A redirect (the phase moved on) or 404 (the workshop was closed): say so, with the way to the names.
// Anything else (the server restarting) is asked again at the next check.

const notice = document.getElementById('materi-watch');
const check = notice?.dataset['check'];
let timer: ReturnType<typeof setInterval> | undefined;

async function watch(): Promise<void> {
  if (!notice || !check || !navigator.onLine) return;
  try {
    const response = await fetch(check, { method: 'HEAD', redirect: 'manual', cache: 'no-store' });
    if (response.type !== 'opaqueredirect' && response.status !== 404) return;
    clearInterval(timer);
    notice.removeAttribute('hidden');
    notice.focus();
  } catch {
    // Offline or the server is away: the next check tries again.
  }
}

if (notice && check) timer = setInterval(() => void watch(), REPORT_INTERVAL_MS);
