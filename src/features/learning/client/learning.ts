// The one enhancement learning pages ship: read-aloud ("Dengarkan"), a plain offline notice, and keeping
// the module on the device for offline reading. Everything works without it. A workshop tablet's result
// screen uses it too, for its questions' "Dengarkan".
import { readOfflineUrls } from '../offline-urls.ts';
import { wireListenButton } from './speech.ts';

function showOfflineNotice() {
  const notice = document.getElementById('offline-notice');
  const update = () => notice?.toggleAttribute('hidden', navigator.onLine);
  update();
  addEventListener('online', update);
  addEventListener('offline', update);
  // Marking a lesson done needs the server; say so instead of showing a browser error page.
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-needs-network]')) {
    form.addEventListener('submit', (event) => {
      if (navigator.onLine) return;
      event.preventDefault();
      form.querySelector('[data-offline-message]')?.removeAttribute('hidden');
    });
  }
}

function setUpReadAloud() {
  const noVoice = document.getElementById('no-voice');
  // A lesson's one "Dengarkan" reads the lesson; a result's read each its own card ([data-listen]).
  const lesson = document.querySelector<HTMLElement>('[data-read-aloud]');
  const listen = document.getElementById('listen');
  if (listen && lesson) {
    // Shown only with JavaScript (without it the button could do nothing), with or without a voice.
    listen.removeAttribute('hidden');
    wireListenButton(listen, { parts: () => textsOf(lesson, 'h2, h3, p, li, td'), noVoice });
  }
  for (const button of document.querySelectorAll<HTMLElement>('[data-listen]')) {
    const part = button.closest<HTMLElement>('[data-read-part]');
    if (part) wireListenButton(button, { parts: () => textsOf(part, '[data-say]'), noVoice });
  }
}

const textsOf = (root: HTMLElement, selector: string) =>
  [...root.querySelectorAll(selector)].map((el) => el.textContent.trim());

function keepForOffline() {
  const source = document.querySelector<HTMLElement>('[data-offline-urls]');
  if (!source || !('serviceWorker' in navigator)) return;
  const urls = readOfflineUrls(source.dataset['offlineUrls']);
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => registration.active?.postMessage({ type: 'keep', urls }))
    .catch(() => {
      // Without a service worker the pages still work online; nothing to tell the reader.
    });
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.data.type === 'kept') document.getElementById('saved-offline')?.removeAttribute('hidden');
  });
}

showOfflineNotice();
setUpReadAloud();
keepForOffline();
