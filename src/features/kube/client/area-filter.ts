// The area filter with JavaScript: choosing a place sends the form at once, so the next select shows the places
// inside it. A wider place chosen clears the narrower ones (they may not lie inside it).

const NARROWER: Record<string, string[]> = { kabupaten: ['kecamatan', 'desa'], kecamatan: ['desa'] };

for (const box of document.querySelectorAll<HTMLElement>('[data-area-filter]')) {
  box.addEventListener('change', (event) => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.form) return;
    for (const name of NARROWER[select.name] ?? []) {
      const narrower = select.form.elements.namedItem(name);
      if (narrower instanceof HTMLSelectElement) narrower.disabled = true;
    }
    select.form.requestSubmit();
  });
}

// A module, not a global script: its names (`follow`, `box`…) must not become globals every other file sees.
export {};
