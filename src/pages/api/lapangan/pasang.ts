import type { APIRoute } from 'astro';
import { fail } from '../../../features/sync/district/verify.ts';
import { handlePair, readBody, toResponse } from '../../../features/sync/district/handlers.ts';
import { db } from '../../../lib/db.ts';

// Field kit: a field server pairs with this district server (README: "Field kit").
export const POST: APIRoute = async (context) => {
  const body = await readBody(context.request);
  return toResponse(body === null ? fail(413, 'invalid') : await handlePair(db, body, context.clientAddress));
};
