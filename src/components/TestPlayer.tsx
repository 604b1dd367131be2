import { actions } from 'astro:actions';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  allAnswers,
  forgetAttempt,
  loadLocal,
  markSubmitPending,
  mergeServerAnswers,
  saveAnswerLocal,
  savePosition,
} from '../features/assessment/answer-store.ts';
import { createSync, settle, type SendResult, type Sync, type SyncStatus } from '../features/assessment/sync.ts';
import type { AnswerInput, PlayerAttempt, PlayerItem } from '../features/assessment/types.ts';

/**
 * Every text the player shows: the `player.*` keys of src/i18n/<lang>/player.json, passed in by the page.
 * Placeholders such as `{n}` are filled here. The comments give the Indonesian text.
 */
export type PlayerLabels = {
  /** Soal {n} dari {total} */
  'player.questionOf': string;
  /** Daftar soal (name of the row of question buttons) */
  'player.progress': string;
  /** Soal {n}, sudah dijawab */
  'player.dot.answered': string;
  /** Soal {n}, belum dijawab */
  'player.dot.unanswered': string;
  /** Periksa semua jawaban (the last button in the row) */
  'player.dot.review': string;
  /** Sebelumnya */
  'player.previous': string;
  /** Berikutnya */
  'player.next': string;
  /** Periksa jawaban (the "next" button on the last question) */
  'player.toReview': string;
  /** Dengarkan */
  'player.listen': string;
  /** Berhenti */
  'player.stopListening': string;
  /** Pilihan {letter}. {text} (spoken) */
  'player.optionSpoken': string;
  /** Periksa jawaban Anda */
  'player.review.title': string;
  /** Lihat lagi jawaban Anda. Tekan Ubah untuk mengganti jawaban. */
  'player.review.intro': string;
  /** Jawaban Anda: */
  'player.review.yourAnswer': string;
  /** Belum dijawab */
  'player.review.notAnswered': string;
  /** Ubah */
  'player.review.change': string;
  /** Ubah jawaban soal {n} */
  'player.review.changeLabel': string;
  /** Masih ada {count} soal yang belum dijawab. … */
  'player.remaining': string;
  /** Semua soal sudah dijawab. Tekan Kumpulkan kalau sudah yakin. */
  'player.allAnswered': string;
  /** Kumpulkan */
  'player.submit': string;
  /** Sedang mengumpulkan… */
  'player.submitting': string;
  /** Tes ini sudah dikumpulkan. */
  'player.submitted': string;
  /** Tes sudah terkumpul. Membuka hasil… */
  'player.submitDone': string;
  /** Belum terkirim. Pengumpulan akan dicoba lagi saat internet tersambung. */
  'player.submitOffline': string;
  /** Lihat hasil */
  'player.seeResult': string;
  /** Jawaban tersimpan di perangkat ini dan sudah terkirim. */
  'player.status.saved': string;
  /** Jawaban tersimpan di perangkat ini, menunggu dikirim. */
  'player.status.pending': string;
  /** Internet terputus. Jawaban tetap tersimpan di tablet ini dan akan dikirim otomatis. */
  'player.status.offline': string;
  /** Shown when the server's refusal is not a readable sentence. */
  'player.error.generic': string;
  /** Tes ini belum punya soal. … */
  'player.empty': string;
};
type LabelKey = keyof PlayerLabels;

type Props = { attempt: PlayerAttempt; labels: Record<string, string> };

type SubmitState = 'idle' | 'sending' | 'offline' | 'done' | { error: string };

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letter = (index: number) => LETTERS[index] ?? String(index + 1);
const SUBMIT_RETRY_MS = 15_000;

function useText(labels: Record<string, string>) {
  return useCallback(
    (key: LabelKey, vars?: Record<string, string | number>) => {
      const text = labels[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match)) : text;
    },
    [labels],
  );
}

const isIndonesian = (voice: SpeechSynthesisVoice) => /^(id|in)([-_]|$)/i.test(voice.lang);

/** Read-aloud as on the lesson pages: id-ID voice preferred, nothing offered when the device has no voices. */
function useReadAloud() {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  const [speaking, setSpeaking] = useState(false);
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
      const synth = window.speechSynthesis;
      synth.cancel();
      const current = ++run.current;
      const done = () => {
        if (run.current === current) setSpeaking(false);
      };
      const voice = voices.find(isIndonesian) ?? voices[0];
      // One utterance per part: long utterances are cut off by some browsers.
      parts.forEach((part, index) => {
        const utterance = new SpeechSynthesisUtterance(part);
        utterance.lang = 'id-ID';
        if (voice) utterance.voice = voice;
        utterance.onerror = done;
        if (index === parts.length - 1) utterance.onend = done;
        synth.speak(utterance);
      });
      setSpeaking(true);
    },
    [voices],
  );

  return { available: voices.length > 0, speaking, speak, stop };
}

/** The options of one question as a radio group: arrows move, Enter or Space choose. */
function Options(props: {
  item: PlayerItem;
  labelledBy: string;
  selected: string | undefined;
  onChoose: (optionId: string) => void;
}) {
  const { item, labelledBy, selected, onChoose } = props;
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState(() =>
    Math.max(
      0,
      item.options.findIndex((option) => option.id === selected),
    ),
  );

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const count = item.options.length;
    const to: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowRight: index + 1,
      ArrowUp: index - 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: count - 1,
    };
    const target = to[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + count) % count;
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="player__options" role="radiogroup" aria-labelledby={labelledBy}>
      {item.options.map((option, index) => {
        const checked = option.id === selected;
        return (
          <button
            key={option.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={index === focusIndex ? 0 : -1}
            className="player__option"
            onFocus={() => {
              setFocusIndex(index);
            }}
            onKeyDown={(event) => {
              onKeyDown(event, index);
            }}
            onClick={() => {
              setFocusIndex(index);
              onChoose(option.id);
            }}
          >
            <span className="player__letter" aria-hidden="true">
              {letter(index)}
            </span>
            <span className="player__option-text">{option.text}</span>
            {checked && (
              <span className="player__check" aria-hidden="true">
                ✓
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

function SpeakerIcon() {
  return (
    <svg className="player__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9v6h4l5 5V4L7 9H3z" fill="currentColor" />
      <path
        d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

export default function TestPlayer({ attempt, labels }: Props) {
  const t = useText(labels);
  const { attemptId, personId, items } = attempt;
  const total = items.length;
  const [chosen, setChosen] = useState<Record<string, string>>(() => ({ ...attempt.serverAnswers }));
  const [position, setPosition] = useState(0);
  const [syncStatus, setSyncStatus] = useState<SyncStatus | null>(null);
  const [submitState, setSubmitState] = useState<SubmitState>(attempt.submitted ? 'done' : 'idle');
  const sync = useRef<Sync | null>(null);
  const submitting = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const speech = useReadAloud();
  const questionTextId = useId();
  const remainingId = useId();

  const isKnown = useCallback(
    (answer: AnswerInput) =>
      items.some(
        (item) => item.questionId === answer.questionId && item.options.some((option) => option.id === answer.optionId),
      ),
    [items],
  );

  const submit = useCallback(
    async (quiet: boolean) => {
      if (submitting.current) return; // a double tap sends once
      const answers = allAnswers(attemptId).filter(isKnown);
      if (items.some((item) => !answers.some((answer) => answer.questionId === item.questionId))) return;
      submitting.current = true;
      if (!quiet) setSubmitState('sending');
      markSubmitPending(attemptId, true);
      const result: SendResult = await settle(
        () => actions.assessment.submit({ attemptId, answers }),
        t('player.error.generic'),
        30_000,
      );
      if (result === 'ok') {
        sync.current?.stop();
        forgetAttempt(attemptId);
        setSubmitState('done');
        window.location.assign(attempt.resultUrl);
        return; // stays "submitting": nothing more to send from this page
      }
      submitting.current = false;
      if (result === 'offline') {
        setSubmitState('offline');
      } else {
        markSubmitPending(attemptId, false);
        setSubmitState(result);
      }
    },
    [attemptId, attempt.resultUrl, items, isKnown, t],
  );

  // On mount: join the device's answers with the server's, return to the last screen, start sending.
  useEffect(() => {
    if (attempt.submitted) {
      forgetAttempt(attemptId); // the server holds the submission
      return;
    }
    setChosen(mergeServerAnswers(attemptId, personId, attempt.serverAnswers));
    const local = loadLocal(attemptId);
    setPosition(local?.submitted ? total : Math.min(local?.position ?? 0, total));
    const running = createSync({
      attemptId,
      send: (answers) =>
        settle(() => actions.assessment.saveAnswers({ attemptId, answers }), t('player.error.generic')),
      onStatus: setSyncStatus,
    });
    sync.current = running;
    void running.flush();
    if (local?.submitted) void submit(false); // "Kumpulkan" was pressed before a reload: finish it
    return () => {
      running.stop();
      sync.current = null;
    };
    // Runs once per attempt: the labels and the attempt's data do not change during its life.
  }, [attemptId]);

  // A submission that found no internet is tried again when it returns, and every 15 s meanwhile.
  useEffect(() => {
    if (submitState !== 'offline') return;
    const retry = () => void submit(true);
    const onVisible = () => {
      if (document.visibilityState === 'visible') retry();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(retry, SUBMIT_RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
  }, [submitState, submit]);

  // Screen readers and keyboards follow the question: focus moves to its heading.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [position]);

  const go = (to: number) => {
    const next = Math.max(0, Math.min(to, total));
    moved.current = true;
    speech.stop();
    setPosition(next);
    savePosition(attemptId, next);
  };

  const choose = (questionId: string, optionId: string) => {
    if (submitState === 'done') return;
    saveAnswerLocal(attemptId, personId, { questionId, optionId, answeredAt: new Date().toISOString() });
    setChosen((current) => ({ ...current, [questionId]: optionId }));
    void sync.current?.flush();
  };

  if (attempt.submitted) {
    return (
      <div className="player">
        <div className="alert alert--success">
          <p>{t('player.submitted')}</p>
          <p>
            <a className="button" href={attempt.resultUrl}>
              {t('player.seeResult')}
            </a>
          </p>
        </div>
      </div>
    );
  }
  if (total === 0) {
    return (
      <div className="player">
        <p className="alert">{t('player.empty')}</p>
      </div>
    );
  }

  const answeredCount = items.filter((item) => chosen[item.questionId] !== undefined).length;
  const remaining = total - answeredCount;
  const busy = submitState === 'sending' || submitState === 'done';

  let statusText = '';
  let statusKind = 'pending';
  if (submitState === 'sending') statusText = t('player.submitting');
  else if (submitState === 'done') [statusText, statusKind] = [t('player.submitDone'), 'saved'];
  else if (submitState === 'offline') [statusText, statusKind] = [t('player.submitOffline'), 'offline'];
  else if (typeof submitState === 'object') [statusText, statusKind] = [submitState.error, 'error'];
  else if (syncStatus?.state === 'error') [statusText, statusKind] = [syncStatus.message, 'error'];
  else if (syncStatus?.state === 'offline') [statusText, statusKind] = [t('player.status.offline'), 'offline'];
  else if (syncStatus?.state === 'pending') statusText = t('player.status.pending');
  else if (syncStatus?.state === 'saved' && answeredCount > 0) {
    [statusText, statusKind] = [t('player.status.saved'), 'saved'];
  }

  const item = position < total ? items[position] : undefined;
  const readAloud = (shown: PlayerItem, index: number) => {
    if (speech.speaking) {
      speech.stop();
      return;
    }
    speech.speak([
      t('player.questionOf', { n: index + 1, total }),
      shown.text,
      ...shown.options.map((option, i) => t('player.optionSpoken', { letter: letter(i), text: option.text })),
    ]);
  };

  return (
    <div className="player">
      <nav className="player__dots" aria-label={t('player.progress')}>
        <ol>
          {items.map((each, index) => {
            const answered = chosen[each.questionId] !== undefined;
            return (
              <li key={each.questionId}>
                <button
                  type="button"
                  className={`player__dot ${answered ? 'player__dot--answered' : ''}`}
                  aria-label={t(answered ? 'player.dot.answered' : 'player.dot.unanswered', { n: index + 1 })}
                  aria-current={index === position ? 'step' : undefined}
                  onClick={() => {
                    go(index);
                  }}
                >
                  {index + 1}
                </button>
              </li>
            );
          })}
          <li>
            <button
              type="button"
              className="player__dot player__dot--review"
              aria-label={t('player.dot.review')}
              aria-current={position === total ? 'step' : undefined}
              onClick={() => {
                go(total);
              }}
            >
              ✓
            </button>
          </li>
        </ol>
      </nav>

      {item ? (
        <section className="player__question" key={item.questionId}>
          <h2 className="player__heading" ref={heading} tabIndex={-1}>
            <span className="player__count">{t('player.questionOf', { n: position + 1, total })}</span>
            <span className="player__text" id={questionTextId}>
              {item.text}
            </span>
          </h2>
          {speech.available && (
            <button
              type="button"
              className="button--secondary player__listen"
              aria-pressed={speech.speaking}
              onClick={() => {
                readAloud(item, position);
              }}
            >
              <SpeakerIcon />
              {speech.speaking ? t('player.stopListening') : t('player.listen')}
            </button>
          )}
          <Options
            item={item}
            labelledBy={questionTextId}
            selected={chosen[item.questionId]}
            onChoose={(optionId) => {
              choose(item.questionId, optionId);
            }}
          />
        </section>
      ) : (
        <section className="player__question">
          <h2 className="player__heading" ref={heading} tabIndex={-1}>
            {t('player.review.title')}
          </h2>
          <p>{t('player.review.intro')}</p>
          <ol className="player__review">
            {items.map((each, index) => {
              const optionIndex = each.options.findIndex((option) => option.id === chosen[each.questionId]);
              const option = each.options[optionIndex];
              return (
                <li key={each.questionId} className="player__review-item">
                  <div>
                    <p className="player__review-question">
                      {index + 1}. {each.text}
                    </p>
                    {option ? (
                      <p>
                        <span className="muted">{t('player.review.yourAnswer')}</span>{' '}
                        <strong>
                          {letter(optionIndex)}. {option.text}
                        </strong>
                      </p>
                    ) : (
                      <p className="player__missing">{t('player.review.notAnswered')}</p>
                    )}
                  </div>
                  <button
                    type="button"
                    className="button--secondary"
                    aria-label={t('player.review.changeLabel', { n: index + 1 })}
                    onClick={() => {
                      go(index);
                    }}
                  >
                    {t('player.review.change')}
                  </button>
                </li>
              );
            })}
          </ol>
          <p id={remainingId} className={remaining > 0 ? 'alert' : 'alert alert--success'}>
            {remaining > 0 ? t('player.remaining', { count: remaining }) : t('player.allAnswered')}
          </p>
          <button
            type="button"
            className="player__submit"
            disabled={remaining > 0}
            aria-disabled={busy || undefined}
            aria-describedby={remainingId}
            onClick={() => {
              if (!busy) void submit(false);
            }}
          >
            {submitState === 'sending' ? t('player.submitting') : t('player.submit')}
          </button>
        </section>
      )}

      <p className={`player__status player__status--${statusKind}`} role="status" aria-live="polite">
        {statusText}
      </p>

      {item && (
        <div className="player__nav">
          {position > 0 && (
            <button
              type="button"
              className="button--secondary"
              onClick={() => {
                go(position - 1);
              }}
            >
              <span aria-hidden="true">←</span> {t('player.previous')}
            </button>
          )}
          <button
            type="button"
            className="player__next"
            onClick={() => {
              go(position + 1);
            }}
          >
            {position === total - 1 ? t('player.toReview') : t('player.next')} <span aria-hidden="true">→</span>
          </button>
        </div>
      )}
    </div>
  );
}
