// Lighthouse (its mobile defaults: a mid-range phone, slow 4G and a slowed CPU, simulated) on Debian's
// Chromium, signed in through a Cookie header. Only the three categories the issue asks for.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

/** Scores 0–100; null when Lighthouse could not score the category (its error is in `error`). */
export type Scores = {
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  error?: string;
};

export async function audit(pages: { url: string; cookie: string }[]): Promise<Scores[]> {
  const chrome = await launch({
    chromePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const scores: Scores[] = [];
    for (const page of pages) {
      const result = await lighthouse(page.url, {
        port: chrome.port,
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        extraHeaders: page.cookie ? { Cookie: page.cookie } : {},
      });
      const score = (id: string) => {
        const value = result?.lhr.categories[id]?.score;
        return typeof value === 'number' ? Math.round(value * 100) : null;
      };
      const error = result?.lhr.runtimeError?.message;
      scores.push({
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        ...(error ? { error } : {}),
      });
    }
    return scores;
  } finally {
    chrome.kill();
  }
}
