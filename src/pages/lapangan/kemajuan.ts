import type { APIRoute } from 'astro';
import { maySendFieldData } from '../../features/sync/field/access.ts';
import { readFieldLink } from '../../features/sync/field/link.ts';
import { readProgress } from '../../features/sync/field/progress.ts';
import { db } from '../../lib/db.ts';

// How far the running sync got, for the script of /lapangan (features/sync/field/client/progress.ts).
export const GET: APIRoute = async (context) => {
  if (!maySendFieldData(context.locals.actor, await readFieldLink(db))) return context.rewrite('/403');
  const { running, phase, batch, batches, rows } = readProgress();
  return Response.json({ running, phase, batch, batches, rows }, { headers: { 'cache-control': 'no-store' } });
};
