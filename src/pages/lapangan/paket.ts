import type { APIRoute } from 'astro';
import { maySendFieldData } from '../../features/sync/field/access.ts';
import { readFieldLink } from '../../features/sync/field/link.ts';
import { exportPackage } from '../../features/sync/field/package.ts';
import { db } from '../../lib/db.ts';

// The paket lapangan as a file to save: everything waiting to be sent, signed with this laptop's key.
export const GET: APIRoute = async (context) => {
  const link = await readFieldLink(db);
  if (!maySendFieldData(context.locals.actor, link)) return context.rewrite('/403');
  if (!link) return context.rewrite('/404');
  const file = await exportPackage(db, new Date());
  return new Response(file.text, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'private, no-store',
    },
  });
};
