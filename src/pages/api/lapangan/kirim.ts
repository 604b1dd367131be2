import type { APIRoute } from 'astro';
import { fail } from '../../../features/sync/district/verify.ts';
import { handlePush, readBody, toResponse } from '../../../features/sync/district/handlers.ts';
import { db } from '../../../lib/db.ts';

// Field kit: a paired field server sends one batch of what it recorded (README: "Field kit").
export const POST: APIRoute = async (context) => {
  const body = await readBody(context.request);
  return toResponse(body === null ? fail(413, 'invalid') : await handlePush(db, context.request.headers, body));
};
