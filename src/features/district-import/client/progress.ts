// Follows a running import (components/ImportProgress.astro): asks the progress endpoint every second,
// moves the bar and its words, and reloads the page once the job has ended (the page then shows the result).

type Progress = { state: 'running' | 'done' | 'failed'; done: number; total: number };

const box = document.querySelector<HTMLElement>('[data-import-progress]');
const bar = box?.querySelector('progress');
const text = box?.querySelector<HTMLElement>('[data-progress-text]');

const isProgress = (value: unknown): value is Progress =>
  typeof value === 'object' && value !== null && 'state' in value && 'done' in value && 'total' in value;

async function follow(url: string, words: string) {
  const number = new Intl.NumberFormat(document.documentElement.lang || 'id');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let progress: unknown;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (!response.ok) continue;
      progress = await response.json();
    } catch {
      continue; // a moment offline: ask again
    }
    if (!isProgress(progress)) continue;
    if (progress.state !== 'running') {
      window.location.reload();
      return;
    }
    if (bar) {
      bar.max = Math.max(progress.total, 1);
      bar.value = progress.done;
    }
    if (text) {
      text.textContent = words
        .replace('{done}', number.format(progress.done))
        .replace('{total}', number.format(progress.total));
    }
  }
}

if (box?.dataset['poll'] && box.dataset['words']) void follow(box.dataset['poll'], box.dataset['words']);

// A module, not a global script: its names (`follow`, `box`…) must not become globals every other file sees.
export {};
