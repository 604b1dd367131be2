// "Kirim ke server kabupaten" is a plain form post; while it waits, this polls /lapangan/kemajuan once a second
// and puts the progress into words, so a facilitator on a slow hotspot sees that something is happening.

type Progress = { running: boolean; phase: 'push' | 'pull' | 'idle'; batch: number; batches: number; rows: number };

const POLL_MS = 1000;

function describe(element: HTMLElement, progress: Progress): string {
  const { connecting = '', pushing = '', pulling = '', pullingRows = '' } = element.dataset;
  if (progress.phase === 'pull') {
    // Rows as the page's language writes numbers (the page's <html lang>).
    const rows = progress.rows.toLocaleString(document.documentElement.lang || 'id');
    return progress.rows > 0 ? pullingRows.replace('{rows}', rows) : pulling;
  }
  if (progress.phase === 'push' && progress.batches > 0) {
    return pushing
      .replace('{batch}', String(Math.min(progress.batch + 1, progress.batches)))
      .replace('{batches}', String(progress.batches));
  }
  return connecting;
}

export function followSync(): void {
  const form = document.querySelector<HTMLFormElement>('[data-field-send]');
  const output = form?.querySelector<HTMLElement>('[data-progress]');
  const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!form || !output || !button) return;
  form.addEventListener('submit', () => {
    output.hidden = false;
    output.textContent = output.dataset['connecting'] ?? '';
    // Disabled after the submit has gone: a second press would only be refused while this one runs.
    setTimeout(() => {
      button.disabled = true;
    });
    setInterval(() => {
      fetch('/lapangan/kemajuan', { headers: { accept: 'application/json' } })
        .then((response) => (response.ok ? (response.json() as Promise<Progress>) : null))
        .then((progress) => {
          if (progress?.running) output.textContent = describe(output, progress);
        })
        .catch(() => undefined);
    }, POLL_MS);
  });
}
