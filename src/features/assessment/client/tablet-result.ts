// The tablet's result screen hands the tablet on by itself after a while without a tap, so a member who
// walks away leaves nothing on it for the next one. (Its "Dengarkan" is learning's read-aloud.)

const root = document.querySelector<HTMLElement>('.tablet-result');
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

// A module of its own: its names do not meet other client scripts' names.
export {};
