import type { Database } from '../../../db/client.ts';
import { DomainError, type Message } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { applyImport, type IssuedSecret } from './apply.ts';
import type { RawRow } from './columns.ts';
import type { PlanSummary } from './previews.ts';

// The import as a job in this server's process: hashing the secrets of 15,000 people takes up to a minute,
// longer than a request should wait. The confirm starts it and answers at once; the page polls its progress.
// One job runs at a time per server. Its secrets (in clear) stay in memory only until the admin has opened
// the cards once, or the job expires: then they are gone for good.

export const JOB_TTL_MS = 30 * 60 * 1000;
const MAX_JOBS = 10;

export type JobState = 'running' | 'done' | 'failed';

type Job = {
  ownerId: string;
  state: JobState;
  done: number;
  total: number;
  summary: PlanSummary | null;
  error: Message | null;
  /** The new secrets until the cards are shown; null before the end and after they were shown. */
  secrets: IssuedSecret[] | null;
  cardsShown: boolean;
  /** How many cards the job made (kept after the secrets are gone). */
  cardCount: number;
  expiresAt: number;
};

/** What the page and the progress endpoint may know of a job: never its secrets. */
export type JobStatus = Omit<Job, 'ownerId' | 'secrets' | 'expiresAt'> & { id: string };

const jobs = new Map<string, Job>();

function sweep(now: number) {
  for (const [id, job] of jobs) {
    if (job.state !== 'running' && job.expiresAt <= now) jobs.delete(id);
  }
  while (jobs.size > MAX_JOBS) {
    const oldest = [...jobs].find(([, job]) => job.state !== 'running');
    if (!oldest) break;
    jobs.delete(oldest[0]);
  }
}

/** True while an import runs on this server (anyone's). */
export const importRunning = (): boolean => [...jobs.values()].some((job) => job.state === 'running');

/**
 * Starts importing `rows` for `ownerId` and returns the job's id at once; refuses while another import runs.
 * The job's end (done, or failed with the reason) is kept in the job, never thrown.
 */
export function startImportJob(db: Database, ownerId: string, rows: RawRow[], now = Date.now()): string {
  sweep(now);
  if (importRunning()) throw new DomainError('import.upload.busy', { code: 'CONFLICT' });
  const id = newId();
  const job: Job = {
    ownerId,
    state: 'running',
    done: 0,
    total: 0,
    summary: null,
    error: null,
    secrets: null,
    cardsShown: false,
    cardCount: 0,
    expiresAt: now + JOB_TTL_MS,
  };
  jobs.set(id, job);
  void applyImport(db, rows, (done, total) => {
    job.done = done;
    job.total = total;
  })
    .then(({ plan, secrets }) => {
      job.summary = { counts: plan.counts, errors: plan.errors, warnings: plan.warnings };
      if (plan.errors.length > 0) {
        job.state = 'failed';
        job.error = { key: 'import.upload.hasErrors' };
      } else {
        job.state = 'done';
        job.secrets = secrets;
        job.cardCount = secrets.length;
      }
    })
    .catch((error: unknown) => {
      job.state = 'failed';
      if (error instanceof DomainError) job.error = { key: error.key, params: error.params };
      else {
        console.error('Import job failed', error);
        job.error = { key: 'import.upload.failed' };
      }
    })
    .finally(() => {
      job.expiresAt = Date.now() + JOB_TTL_MS;
    });
  return id;
}

/** A job's progress and end, for the admin who started it only; null when unknown, expired or someone else's. */
export function findImportJob(ownerId: string, id: string, now = Date.now()): JobStatus | null {
  sweep(now);
  const job = jobs.get(id);
  if (!job || job.ownerId !== ownerId) return null;
  const { state, done, total, summary, error, cardsShown, cardCount } = job;
  return { id, state, done, total, summary, error, cardsShown, cardCount };
}

/**
 * The new people's secrets, once: the first call after the job is done returns them and forgets them; every
 * later call returns 'shown'. Null for a job that is unknown, someone else's, or not done.
 */
export function takeImportSecrets(ownerId: string, id: string, now = Date.now()): IssuedSecret[] | 'shown' | null {
  sweep(now);
  const job = jobs.get(id);
  if (!job || job.ownerId !== ownerId || job.state !== 'done') return null;
  if (job.cardsShown || !job.secrets) return 'shown';
  const secrets = job.secrets;
  job.secrets = null;
  job.cardsShown = true;
  return secrets;
}
