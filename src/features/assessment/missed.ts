import type { Question } from '../learning/content-schemas.ts';
import { formatNumberAnswer } from './number-answer.ts';
import type { AttemptItem } from './types.ts';

export type Missed = { text: string; yourAnswer: string; correctAnswer: string; explanation: string };

/** An answer as the person reads it: the option's text, or the number with its unit ("Rp 1.250.000"). */
function answerText(question: Question, answer: string | undefined): string {
  if (answer === undefined) return '—';
  if (question.type === 'number') return formatNumberAnswer(answer, question.unit);
  return question.options.find((o) => o.id === answer)?.text ?? '—';
}

/**
 * The questions an attempt got wrong, with the texts the bank holds now. A question whose version changed since
 * the attempt is left out: its words, and what its option ids stand for, may differ from what the person saw
 * (README: "Editing without breaking past results"), so showing them would misreport the answer.
 */
export function listMissed(
  items: readonly AttemptItem[],
  answers: Readonly<Record<string, string>>,
  answerKey: Readonly<Record<string, string>>,
  questions: readonly Question[],
): Missed[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return items.flatMap((item) => {
    const question = byId.get(item.questionId);
    const chosen = answers[item.questionId];
    const correct = answerKey[item.questionId];
    if (!question || question.version !== item.version || chosen === correct) return [];
    return [
      {
        text: question.text,
        yourAnswer: answerText(question, chosen),
        correctAnswer: answerText(question, correct),
        explanation: question.explanation,
      },
    ];
  });
}
