import { describe, expect, it } from 'vitest';
import { moduleView, type TestFacts } from '../../src/features/learning/module-state.ts';

// The one rule behind every card, module page and result page (issue 15, "Progress tells one story"). Each
// case below is a screen the UX review saw contradict itself, or its neighbour.

const none: TestFacts = {
  preSubmitted: 0,
  postSubmitted: 0,
  preWaived: false,
  postOpened: false,
  hasOpenPre: false,
  hasOpenPost: false,
};
const LESSONS = 5;

describe('moduleView()', () => {
  it('is "Belum mulai" at step 1 for someone who has done nothing (opening pages is not starting)', () => {
    expect(moduleView(none, 0, LESSONS)).toMatchObject({
      badge: 'belum_mulai',
      stage: 'pre_test',
      stepKey: 'assessment.stage.pre_test',
      next: 'pre_test',
    });
  });

  it('is "Sedang belajar" once a pre-test is open or handed in', () => {
    expect(moduleView({ ...none, hasOpenPre: true }, 0, LESSONS)).toMatchObject({
      badge: 'sedang_belajar',
      next: 'pre_test',
    });
    expect(moduleView({ ...none, preSubmitted: 1 }, 0, LESSONS)).toMatchObject({
      badge: 'sedang_belajar',
      stage: 'lessons',
      next: 'start_lessons',
    });
    expect(moduleView({ ...none, preSubmitted: 1 }, 2, LESSONS)).toMatchObject({ next: 'continue_lessons' });
  });

  it('opens the lessons for a waived pre-test without calling it started', () => {
    expect(moduleView({ ...none, preWaived: true }, 0, LESSONS)).toMatchObject({
      badge: 'belum_mulai',
      stage: 'lessons',
      next: 'start_lessons',
    });
  });

  it('asks for the post-test when the lessons are done or the workshop opened it', () => {
    expect(moduleView({ ...none, preSubmitted: 1 }, LESSONS, LESSONS)).toMatchObject({
      badge: 'materi_selesai',
      stage: 'post_test',
      next: 'post_test',
    });
    expect(moduleView({ ...none, preSubmitted: 1, postOpened: true }, 1, LESSONS)).toMatchObject({
      badge: 'sedang_belajar',
      stage: 'post_test',
    });
  });

  it('says "Modul selesai" everywhere for a member who did both workshop tests without marking lessons', () => {
    const view = moduleView({ ...none, preSubmitted: 1, postSubmitted: 1, postOpened: true }, 0, LESSONS);
    expect(view).toMatchObject({ badge: 'selesai', stage: 'done', stepKey: 'assessment.stage.done', next: 'review' });
  });

  it('does not send a ketua who passed the post-test back to "Langkah 2" once the workshop grant is gone', () => {
    const view = moduleView({ ...none, preSubmitted: 1, postSubmitted: 1 }, 0, LESSONS);
    expect(view.stage).toBe('done');
    expect(view.stepKey).not.toBe('assessment.stage.lessons');
    expect(view.badge).toBe('selesai');
  });

  it('keeps an open post-test as the step to finish', () => {
    expect(moduleView({ ...none, preSubmitted: 1, hasOpenPost: true }, 0, LESSONS)).toMatchObject({
      stage: 'post_test',
      next: 'post_test',
      badge: 'sedang_belajar',
    });
  });

  it('counts only lessons that still exist, and a module without lessons is never "materi selesai"', () => {
    expect(moduleView({ ...none, preSubmitted: 1 }, 7, LESSONS).lessonsCompleted).toBe(LESSONS);
    expect(moduleView({ ...none, preSubmitted: 1 }, 0, 0)).toMatchObject({ badge: 'sedang_belajar', stage: 'lessons' });
  });
});
