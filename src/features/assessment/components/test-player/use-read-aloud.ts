import { useCallback, useEffect, useRef, useState } from 'react';

export type ReadAloud = {
  /** False when the device has no Indonesian voice: "Dengarkan" then says so and how to add one. */
  available: boolean;
  /** Set once "Dengarkan" was pressed without a voice; the note then stays for the rest of the test. */
  noVoiceShown: boolean;
  speaking: boolean;
  speak: (parts: string[]) => void;
  stop: () => void;
};

const isIndonesian = (voice: SpeechSynthesisVoice) => /^(id|in)([-_]|$)/i.test(voice.lang);

/** Read-aloud as on the lesson pages: an Indonesian voice, or a note on how to install one. */
export function useReadAloud(): ReadAloud {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  const [speaking, setSpeaking] = useState(false);
  const [noVoiceShown, setNoVoiceShown] = useState(false);
  // Counts runs, so the end of a stopped run does not clear the "speaking" of the next one.
  const run = useRef(0);

  useEffect(() => {
    if (!('speechSynthesis' in window)) return;
    const synth = window.speechSynthesis;
    const update = () => {
      setVoices(synth.getVoices());
    };
    update();
    synth.addEventListener('voiceschanged', update);
    return () => {
      synth.removeEventListener('voiceschanged', update);
      synth.cancel();
    };
  }, []);

  const stop = useCallback(() => {
    run.current += 1;
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    setSpeaking(false);
  }, []);

  const speak = useCallback(
    (parts: string[]) => {
      const voice = voices.find(isIndonesian);
      if (!voice) {
        setNoVoiceShown(true);
        return;
      }
      const synth = window.speechSynthesis;
      synth.cancel();
      const current = ++run.current;
      const done = () => {
        if (run.current === current) setSpeaking(false);
      };
      // One utterance per part: long utterances are cut off by some browsers.
      parts.forEach((part, index) => {
        const utterance = new SpeechSynthesisUtterance(part);
        utterance.lang = 'id-ID';
        utterance.voice = voice;
        utterance.onerror = done;
        if (index === parts.length - 1) utterance.onend = done;
        synth.speak(utterance);
      });
      setSpeaking(true);
    },
    [voices],
  );

  return { available: voices.some(isIndonesian), noVoiceShown, speaking, speak, stop };
}
