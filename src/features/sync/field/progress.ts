import type { PushProgress } from './push.ts';

// The sync running in this server process, if any: the page's script polls it while the form post waits, and a
// second press of the button while one runs is refused rather than sending the same batches twice at once.

export type SyncProgress = PushProgress & { running: boolean; phase: 'push' | 'pull' | 'idle' };

let current: SyncProgress = { running: false, phase: 'idle', batch: 0, batches: 0, rows: 0 };

export const readProgress = (): SyncProgress => ({ ...current });

/** Marks a sync as started; false when one is already running. */
export function startProgress(): boolean {
  if (current.running) return false;
  current = { running: true, phase: 'push', batch: 0, batches: 0, rows: 0 };
  return true;
}

export function updateProgress(update: Partial<SyncProgress>): void {
  current = { ...current, ...update };
}

export function finishProgress(): void {
  current = { ...current, running: false, phase: 'idle' };
}
