import type { APIRoute } from 'astro';
import { can } from '../../../features/auth/permissions.ts';
import { findImportJob } from '../../../features/district-import/import-job.ts';

// How far an import job got, for the script of /admin/impor (district-import/client/progress.ts). Only the
// admin who started the job learns anything of it; never its secrets.
export const GET: APIRoute = (context) => {
  const { actor } = context.locals;
  if (!actor || !can(actor, 'admin.area')) return context.rewrite('/403');
  const job = findImportJob(actor.id, context.url.searchParams.get('tugas') ?? '');
  // An unknown, expired or someone else's job is "gone" alike: the page's script then reloads the page, which says so.
  const { state, done, total } = job ?? { state: 'gone', done: 0, total: 0 };
  return Response.json({ state, done, total }, { headers: { 'cache-control': 'no-store' } });
};
