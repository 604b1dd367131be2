import type { APIRoute } from 'astro';
import { fail } from '../../../features/sync/district/verify.ts';
import { handlePull, readBody, toResponse } from '../../../features/sync/district/handlers.ts';
import { db } from '../../../lib/db.ts';

// Field kit: a paired field server pulls what changed for its facilitator's KUBEs (README: "Field kit").
export const POST: APIRoute = async (context) => {
  const body = await readBody(context.request);
  return toResponse(body === null ? fail(413, 'invalid') : await handlePull(db, context.request.headers, body));
};
