// Shapes shared by the server, the pure rules and the test player (a React island). Types only.

export type TestKind = 'pre' | 'post' | 'retention';
export type FormName = 'A' | 'B';

/** One question as an attempt shows it: the exact version, and the options in the order shown. */
export type AttemptItem = {
  questionId: string;
  version: number;
  objective: string;
  /** Option ids in the order this attempt shows them (shuffled per attempt); empty for a numeric item. */
  optionOrder: string[];
  /** Present on a numeric item: the answer is a typed number, stored as its canonical digits. */
  type?: 'number';
};

/** What the player gets for one item: no correct answer, no explanation. */
export type PlayerItem = {
  questionId: string;
  text: string;
  options: { id: string; text: string }[];
  /** Present on a numeric item (then `options` is empty): the learner types a number. */
  type?: 'number';
  /** For a numeric item: shown beside the box, e.g. `Rp` or `bungkus`. */
  unit?: string;
};

/**
 * One answer as the device records it; `answeredAt` is an ISO time from the device. For a numeric item
 * `optionId` holds the number (the server reduces what was typed to its canonical digits).
 */
export type AnswerInput = { questionId: string; optionId: string; answeredAt: string };

/** Everything the test player needs to run or resume an attempt. */
export type PlayerAttempt = {
  attemptId: string;
  personId: string;
  moduleSlug: string;
  moduleTitle: string;
  kind: TestKind;
  items: PlayerItem[];
  /** Answers the server already holds, by question id. */
  serverAnswers: Record<string, string>;
  submitted: boolean;
  /** Where to go after a confirmed submission. */
  resultUrl: string;
};

export type ObjectiveScore = { correct: number; total: number; score: number };

export type AttemptScore = {
  /** 0–100, rounded to one decimal. */
  score: number;
  correct: number;
  total: number;
  byObjective: Record<string, ObjectiveScore>;
  /** 1 when the item was answered right, else 0, per question id. */
  itemResults: Record<string, 0 | 1>;
};
