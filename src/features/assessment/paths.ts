// Where a test leads. The assessment slice owns these because it decides where a submitted test goes; the
// workshop slice reuses the thank-you screen for a closed workshop.

/** The result page of a submitted attempt, for an officer or member on their own device. */
export const resultUrl = (moduleSlug: string, id: string) => `/belajar/${moduleSlug}/tes/hasil/${id}`;

/** The thank-you screen of a workshop tablet: results are not shown there, the next member takes the tablet. */
export const WORKSHOP_DONE = '/gabung/selesai';

/** Where a submitted (or already submitted) attempt sends its taker. */
export const afterTest = (workshopId: string | null, moduleSlug: string, id: string) =>
  workshopId ? WORKSHOP_DONE : resultUrl(moduleSlug, id);
