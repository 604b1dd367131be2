import { newId } from '../../lib/ids.ts';
import type { RawRow } from './columns.ts';
import type { ImportPlan } from './plan-types.ts';

// The rows of an uploaded file between its preview and the admin's confirm, so the file is not sent twice.
// Kept in this server's memory only (a restart forgets them: the admin uploads again), under a random id,
// for the admin who uploaded them and nobody else, for a while, and only a few at a time.

export const PREVIEW_TTL_MS = 30 * 60 * 1000;
export const MAX_PREVIEWS = 10;

/** What the preview page shows of a plan: its counts and every problem, not the planned rows. */
export type PlanSummary = Pick<ImportPlan, 'counts' | 'errors' | 'warnings'>;

export type Preview = { ownerId: string; rows: RawRow[]; summary: PlanSummary; expiresAt: number };

const previews = new Map<string, Preview>();

function sweep(now: number) {
  for (const [id, preview] of previews) if (preview.expiresAt <= now) previews.delete(id);
}

/** Keeps an uploaded file's rows for its admin; the oldest preview goes when there are too many. */
export function keepPreview(ownerId: string, rows: RawRow[], summary: PlanSummary, now = Date.now()): string {
  sweep(now);
  while (previews.size >= MAX_PREVIEWS) {
    const oldest = previews.keys().next().value;
    if (oldest === undefined) break;
    previews.delete(oldest);
  }
  const id = newId();
  previews.set(id, { ownerId, rows, summary, expiresAt: now + PREVIEW_TTL_MS });
  return id;
}

/** A preview, for the admin who uploaded it only; null when unknown, expired or someone else's. */
export function findPreview(ownerId: string, id: string, now = Date.now()): Preview | null {
  sweep(now);
  const preview = previews.get(id);
  return preview && preview.ownerId === ownerId ? preview : null;
}

/** Forgets a preview (once its import has started). */
export function dropPreview(id: string): void {
  previews.delete(id);
}
