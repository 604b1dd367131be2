import { REPORT_INTERVAL_MS } from '../rules.ts';

// A tablet reading lessons without a sign-in has no session to report through; it asks its own lessons
// page instead (HEAD, no body): the server answers it only during the materi phase and redirects otherwise.

const notice = document.getElementById('materi-watch');
const check = notice?.dataset['check'];
let timer: ReturnType<typeof setInterval> | undefined;

async function watch(): Promise<void> {
  if (!notice || !check || !navigator.onLine) return;
  try {
    const response = await fetch(check, { method: 'HEAD', redirect: 'manual', cache: 'no-store' });
    if (response.type !== 'opaqueredirect') return;
    clearInterval(timer);
    notice.removeAttribute('hidden');
    notice.focus();
  } catch {
    // Offline or the server is away: the next check tries again.
  }
}

if (notice && check) timer = setInterval(() => void watch(), REPORT_INTERVAL_MS);
