// How far a running send got, in the page's words: the same sentence on the page the server renders while a send
// runs, and in the script that follows the send from the page that started it (client/progress.ts).

export type ProgressView = { phase: 'push' | 'pull' | 'idle'; batch: number; batches: number; rows: number };
/** The page's sentences, with {batch}, {batches} and {rows} to fill in. */
export type ProgressWords = { connecting: string; pushing: string; pulling: string; pullingRows: string };

export function progressText(progress: ProgressView, words: ProgressWords, number: (value: number) => string): string {
  if (progress.phase === 'pull') {
    return progress.rows > 0 ? words.pullingRows.replace('{rows}', number(progress.rows)) : words.pulling;
  }
  if (progress.phase === 'push' && progress.batches > 0) {
    return words.pushing
      .replace('{batch}', number(Math.min(progress.batch + 1, progress.batches)))
      .replace('{batches}', number(progress.batches));
  }
  return words.connecting;
}
