import { findImportJob, importRunning, type JobStatus } from './import-job.ts';
import { findPreview, type PlanSummary } from './previews.ts';

// What the upload page shows, from its address: the form; a preview (`?pratinjau=`); a job's progress or
// end (`?tugas=`). A preview or job is found only for the admin who made it.

export type UploadPage =
  | { view: 'form'; running: boolean }
  | { view: 'preview'; previewId: string; summary: PlanSummary; running: boolean }
  | { view: 'previewGone'; running: boolean }
  | { view: 'job'; job: JobStatus }
  | { view: 'jobGone'; running: boolean };

export function loadUploadPage(ownerId: string, params: URLSearchParams): UploadPage {
  const running = importRunning();
  const jobId = params.get('tugas');
  if (jobId !== null) {
    const job = findImportJob(ownerId, jobId);
    return job ? { view: 'job', job } : { view: 'jobGone', running };
  }
  const previewId = params.get('pratinjau');
  if (previewId !== null) {
    const preview = findPreview(ownerId, previewId);
    return preview
      ? { view: 'preview', previewId, summary: preview.summary, running }
      : { view: 'previewGone', running };
  }
  return { view: 'form', running };
}
