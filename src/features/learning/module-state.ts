// The one rule for where a person stands in a module. Every card, module page, result page and history row
// reads it, so they cannot tell different stories (issue 15). Pure: test facts and lesson counts in, a view
// out. It lives in the learning slice (the assessment slice already builds on learning) and the assessment
// rules use its stage, so a test's gate and a card's badge come from the same place.

/** The test facts the rule needs; the assessment slice's `TestState` has these and more. */
export type TestFacts = {
  preSubmitted: number;
  postSubmitted: number;
  preWaived: boolean;
  /** A facilitator opened the post-test (e.g. when a workshop moved on). */
  postOpened: boolean;
  hasOpenPre: boolean;
  hasOpenPost: boolean;
};

export type ModuleStage = 'pre_test' | 'lessons' | 'post_test' | 'done';

/** What a badge says: the module's lessons plus whether the post-test closed it. */
export type ModuleBadge = 'belum_mulai' | 'sedang_belajar' | 'materi_selesai' | 'selesai';

/** The one thing to do next, as the module page's main button. */
export type NextAction = 'pre_test' | 'start_lessons' | 'continue_lessons' | 'post_test' | 'review';

export type ModuleView = {
  badge: ModuleBadge;
  stage: ModuleStage;
  /** Dictionary key of the step heading, e.g. "Langkah 2: pelajari materinya". */
  stepKey: `assessment.stage.${ModuleStage}`;
  next: NextAction;
  lessonsCompleted: number;
  lessonsTotal: number;
};

/** Lessons open once the pre-test is submitted or waived, so the pre-test measures what came before them. */
export function lessonsUnlocked(tests: TestFacts): boolean {
  return tests.preSubmitted > 0 || tests.preWaived;
}

/**
 * Pre-test → lessons → post-test → done. A handed-in post-test is done however many lessons were marked (a
 * ketua who passed it is not sent back to step 2), and an open post-test is the step to finish.
 */
export function stageOf(tests: TestFacts, lessonsDone: boolean): ModuleStage {
  if (tests.postSubmitted > 0) return 'done';
  if (tests.hasOpenPost) return 'post_test';
  if (!lessonsUnlocked(tests)) return 'pre_test';
  if (!lessonsDone && !tests.postOpened) return 'lessons';
  return 'post_test';
}

const NEXT: Record<ModuleStage, NextAction> = {
  pre_test: 'pre_test',
  lessons: 'start_lessons',
  post_test: 'post_test',
  done: 'review',
};

/**
 * Where a person stands. Starting means doing something: handing in or opening a test, or finishing a
 * lesson. Opening a page is not starting, so a module page looked at once stays "Belum mulai".
 */
export function moduleView(tests: TestFacts, lessonsCompleted: number, lessonsTotal: number): ModuleView {
  const completed = Math.min(lessonsCompleted, lessonsTotal);
  const lessonsDone = lessonsTotal > 0 && completed === lessonsTotal;
  const stage = stageOf(tests, lessonsDone);
  const started = tests.preSubmitted > 0 || tests.hasOpenPre || tests.hasOpenPost || completed > 0;
  const badge: ModuleBadge =
    stage === 'done' ? 'selesai' : lessonsDone ? 'materi_selesai' : started ? 'sedang_belajar' : 'belum_mulai';
  const next = stage === 'lessons' && completed > 0 ? 'continue_lessons' : NEXT[stage];
  return { badge, stage, stepKey: `assessment.stage.${stage}`, next, lessonsCompleted: completed, lessonsTotal };
}
