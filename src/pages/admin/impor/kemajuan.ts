import type { APIRoute } from 'astro';
import { can } from '../../../features/auth/permissions.ts';
import { findImportJob } from '../../../features/district-import/import-job.ts';

// How far an import job got, for the script of /admin/impor (district-import/client/progress.ts). Only the
// admin who started the job learns anything of it; never its secrets.
export const GET: APIRoute = (context) => {
  const { actor } = context.locals;
  if (!actor || !can(actor, 'admin.area')) return context.rewrite('/403');
  const job = findImportJob(actor.id, context.url.searchParams.get('tugas') ?? '');
  if (!job) return Response.json({ state: 'gone' }, { status: 404, headers: { 'cache-control': 'no-store' } });
  const { state, done, total } = job;
  return Response.json({ state, done, total }, { headers: { 'cache-control': 'no-store' } });
};
