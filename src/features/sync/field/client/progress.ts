// "Kirim ke server kabupaten" is a plain form post; while it waits, this polls /lapangan/kemajuan once a second
// and puts the progress into words, so a facilitator on a slow hotspot sees that something is happening. A page
// opened (or reloaded) while a send runs shows its progress from the server and follows it the same way, then
// reloads once it is done, so the status shows what the send changed.

import { progressText, type ProgressView } from '../progress-text.ts';

type Progress = ProgressView & { running: boolean };

const POLL_MS = 1000;

function describe(element: HTMLElement, progress: Progress): string {
  const { connecting = '', pushing = '', pulling = '', pullingRows = '' } = element.dataset;
  // Numbers as the page's language writes them (the page's <html lang>).
  const locale = document.documentElement.lang || 'id';
  return progressText(progress, { connecting, pushing, pulling, pullingRows }, (value) => value.toLocaleString(locale));
}

/** Polls the progress into `output`; `whenDone` runs once the server says no send is running. */
function poll(output: HTMLElement, whenDone: () => void): void {
  const timer = setInterval(() => {
    fetch('/lapangan/kemajuan', { headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<Progress>) : null))
      .then((progress) => {
        if (progress?.running) output.textContent = describe(output, progress);
        else if (progress) {
          clearInterval(timer);
          whenDone();
        }
      })
      .catch(() => undefined);
  }, POLL_MS);
}

export function followSync(): void {
  const form = document.querySelector<HTMLFormElement>('[data-field-send]');
  const output = form?.querySelector<HTMLElement>('[data-progress]');
  const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!form || !output || !button) return;
  // A send already running when the page was made (another tab, or a reload while it ran).
  if (output.dataset['running'] === '1') {
    poll(output, () => {
      window.location.reload();
    });
    return;
  }
  form.addEventListener('submit', () => {
    output.hidden = false;
    output.textContent = output.dataset['connecting'] ?? '';
    // Disabled after the submit has gone: a second press would only be refused while this one runs.
    setTimeout(() => {
      button.disabled = true;
    });
    // The post's own answer replaces the page when the send is done.
    poll(output, () => undefined);
  });
}
