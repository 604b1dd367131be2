// The "Cetak" button: shown only with JavaScript (without it, the browser's own Print menu does the same).
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    window.print();
  });
}

// A module, not a global script: its names (`follow`, `box`…) must not become globals every other file sees.
export {};
