// The one enhancement learning pages ship: read-aloud ("Dengarkan"), a plain offline notice, and keeping
// the module on the device for offline reading. Everything works without it.
import { readOfflineUrls } from '../offline-urls.ts';

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
  if (!button || !text || !('speechSynthesis' in window)) return;
  const synth = window.speechSynthesis;
  const pickVoice = () => synth.getVoices().find((v) => v.lang.toLowerCase().startsWith('id')) ?? synth.getVoices()[0];
  const reveal = () => button.toggleAttribute('hidden', synth.getVoices().length === 0);
  reveal();
  synth.addEventListener('voiceschanged', reveal);

  const listenLabel = button.textContent;
  const stopLabel = button.dataset['stopLabel'] ?? listenLabel;
  let speaking = false;
  const stop = () => {
    synth.cancel();
    speaking = false;
    button.textContent = listenLabel;
    button.setAttribute('aria-pressed', 'false');
  };
  button.addEventListener('click', () => {
    if (speaking) {
      stop();
      return;
    }
    // One utterance per paragraph: long utterances are cut off by some browsers.
    const parts = [...text.querySelectorAll('h2, h3, p, li, td')].map((el) => el.textContent.trim()).filter(Boolean);
    const voice = pickVoice();
    parts.forEach((part, index) => {
      const utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = 'id-ID';
      if (voice) utterance.voice = voice;
      if (index === parts.length - 1) utterance.onend = stop;
      synth.speak(utterance);
    });
    speaking = true;
    button.textContent = stopLabel;
    button.setAttribute('aria-pressed', 'true');
  });
  addEventListener('pagehide', stop);
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
