// The one enhancement learning pages ship: read-aloud ("Dengarkan"), a plain offline notice, and keeping
// the module on the device for offline reading. Everything works without it.
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
  const button = document.getElementById('listen');
  const text = document.querySelector<HTMLElement>('[data-read-aloud]');
  if (!button || !text) return;
  // Shown only with JavaScript (without it the button could do nothing), with or without a voice.
  button.removeAttribute('hidden');
  wireListenButton(button, {
    parts: () => [...text.querySelectorAll('h2, h3, p, li, td')].map((el) => el.textContent.trim()),
    noVoice: document.getElementById('no-voice'),
  });
}

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
