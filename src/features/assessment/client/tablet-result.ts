import { wireListenButton } from '../../learning/client/speech.ts';

// The tablet's result screen: each missed question read aloud on request, and the tablet handed on by
// itself after a while without a tap, so a member who walks away leaves nothing on it for the next one.

const root = document.querySelector<HTMLElement>('.tablet-result');
const noVoice = document.getElementById('no-voice');
for (const card of document.querySelectorAll<HTMLElement>('[data-missed]')) {
  const button = card.querySelector<HTMLElement>('[data-listen]');
  if (!button) continue;
  wireListenButton(button, {
    parts: () => [...card.querySelectorAll('[data-say]')].map((el) => el.textContent.trim()),
    noVoice,
  });
}

const idleMs = Number(root?.dataset['idleMs']);
const form = document.querySelector<HTMLFormElement>('form[data-tablet-done]');
if (form && idleMs > 0) {
  const handOn = () => {
    form.requestSubmit();
  };
  let timer = setTimeout(handOn, idleMs);
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(handOn, idleMs);
  };
  for (const type of ['pointerdown', 'keydown', 'scroll']) addEventListener(type, restart, { passive: true });
}
