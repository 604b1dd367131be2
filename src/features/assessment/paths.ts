// Where a test leads. The assessment slice owns these because it decides where a submitted test goes; the
// workshop slice reuses the thank-you screen for a closed workshop.

import type { TestKind } from './types.ts';

/** The result page of a submitted attempt, for an officer or member on their own device. */
export const resultUrl = (moduleSlug: string, id: string) => `/belajar/${moduleSlug}/tes/hasil/${id}`;

/** The thank-you screen of a workshop tablet: results are not shown there, the next member takes the tablet. */
export const WORKSHOP_DONE = '/gabung/selesai';

/**
 * A workshop tablet's own result screen for a post-test: shown to the member still signed in, gone once
 * "Selesai" (or the timeout) hands the tablet on through the thank-you screen.
 */
export const tabletResultUrl = (id: string) => `/gabung/hasil/${id}`;

/**
 * Where a submitted (or already submitted) attempt sends its taker. On a workshop tablet a pre-test goes
 * straight to the thank-you screen (its key stays hidden: the post-test reuses the items), a post-test to
 * the tablet's result screen, and so does a retention test.
 */
export const afterTest = (workshopId: string | null, moduleSlug: string, id: string, kind: TestKind) => {
  if (!workshopId) return resultUrl(moduleSlug, id);
  return kind === 'pre' ? WORKSHOP_DONE : tabletResultUrl(id);
};
