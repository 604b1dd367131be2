// The pages a learning page asks the service worker to keep: written by LearningEnhancements.astro on a
// hidden element (`data-offline-urls`), read back by client/learning.ts.

/** The value of the `data-offline-urls` attribute. */
export const offlineUrlsData = (urls: readonly string[]): string => JSON.stringify(urls);

/** The listed pages; anything that is not a list of strings counts as none (the worker checks each too). */
export function readOfflineUrls(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((url): url is string => typeof url === 'string') : [];
  } catch {
    return [];
  }
}
