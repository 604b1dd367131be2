// Read-aloud ("Dengarkan") for plain pages: lessons and a workshop tablet's result screen. The button is
// always shown; on a device without an Indonesian voice, pressing it says so and how to add one, because a
// hidden button tells a member nothing and a missing voice is something a facilitator can fix.

const isIndonesian = (voice: SpeechSynthesisVoice) => /^(id|in)([-_]|$)/i.test(voice.lang);

/** The device's Indonesian voice, if it has one. */
export function indonesianVoice(): SpeechSynthesisVoice | undefined {
  if (!('speechSynthesis' in window)) return undefined;
  return window.speechSynthesis.getVoices().find(isIndonesian);
}

type ListenOptions = {
  /** The texts to read, one utterance each (long utterances are cut off by some browsers). */
  parts: () => string[];
  /** Shown (once, then left in place) when the device has no Indonesian voice. */
  noVoice: HTMLElement | null;
};

/** Makes `button` read `parts` aloud and, pressed again, stop. */
export function wireListenButton(button: HTMLElement, { parts, noVoice }: ListenOptions): void {
  const listenLabel = button.textContent;
  const stopLabel = button.dataset['stopLabel'] ?? listenLabel;
  let speaking = false;
  const stop = () => {
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    speaking = false;
    button.textContent = listenLabel;
    button.setAttribute('aria-pressed', 'false');
  };
  button.addEventListener('click', () => {
    if (speaking) {
      stop();
      return;
    }
    const voice = indonesianVoice();
    if (!voice) {
      noVoice?.removeAttribute('hidden');
      noVoice?.focus();
      return;
    }
    const synth = window.speechSynthesis;
    synth.cancel();
    const texts = parts().filter(Boolean);
    texts.forEach((text, index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = 'id-ID';
      utterance.voice = voice;
      if (index === texts.length - 1) utterance.onend = stop;
      utterance.onerror = stop;
      synth.speak(utterance);
    });
    speaking = true;
    button.textContent = stopLabel;
    button.setAttribute('aria-pressed', 'true');
  });
  addEventListener('pagehide', stop);
}
