import type { Database } from '../../../db/client.ts';
import { DomainError } from '../../lib/errors.ts';
import { loadExisting } from './existing.ts';
import { startImportJob } from './import-job.ts';
import { planImport } from './plan.ts';
import { dropPreview, findPreview, keepPreview } from './previews.ts';
import { readImportFile } from './read-file.ts';

// The two steps of the upload page, for an admin (the actions check the role): read and plan a file, then
// import the planned rows as a job.

/** Reads an uploaded file and keeps its rows and plan for the admin; refuses a file it cannot read. */
export async function previewUpload(db: Database, ownerId: string, bytes: Uint8Array): Promise<{ previewId: string }> {
  const read = await readImportFile(bytes);
  if (!read.ok) throw new DomainError(read.error.key, { field: 'file', params: read.error.params });
  const plan = planImport(read.rows, await loadExisting(db));
  const summary = { counts: plan.counts, errors: plan.errors, warnings: plan.warnings };
  return { previewId: keepPreview(ownerId, read.rows, summary) };
}

/** Starts the import of a preview without bad rows; the preview is used up. */
export function confirmUpload(db: Database, ownerId: string, previewId: string): { jobId: string } {
  const preview = findPreview(ownerId, previewId);
  if (!preview) throw new DomainError('import.upload.previewGone', { code: 'NOT_FOUND' });
  if (preview.summary.errors.length > 0) throw new DomainError('import.upload.hasErrors');
  const jobId = startImportJob(db, ownerId, preview.rows);
  dropPreview(previewId);
  return { jobId };
}
