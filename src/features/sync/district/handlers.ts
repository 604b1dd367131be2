import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { z } from 'astro/zod';
import type { Database } from '../../../../db/client.ts';
import { devices, people } from '../../../../db/schema.ts';
import { newId } from '../../../lib/ids.ts';
import { checkSecretLimited, personAccount, unknownAccount } from '../../auth/attempts.ts';
import { verifyAgainstDummy, verifySecret } from '../../auth/password.ts';
import { contentVersion } from '../content-version.ts';
import { pairRequest, pullRequest, pushRequest } from '../protocol.ts';
import { applyBatch } from './apply.ts';
import { pullFor, SNAPSHOT_PAGE, type SnapshotLimits } from './pull.ts';
import { authenticate, fail, type Reply } from './verify.ts';

// The district's three endpoints of the field kit (src/pages/api/lapangan/*), as plain functions of the raw body
// so tests can call them without a server. Answers are JSON: the message of protocol.ts, or `{ error }` with a
// `sync.error.*` dictionary key the field shows in Indonesian.

function parse<T extends z.ZodType>(schema: T, rawBody: string): z.output<T> | null {
  try {
    const result = schema.safeParse(JSON.parse(rawBody));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** Pairs a field server: the facilitator's own sign-in (rate-limited like every sign-in) gets the device its id. */
export async function handlePair(db: Database, rawBody: string, clientAddress: string): Promise<Reply> {
  const input = parse(pairRequest, rawBody);
  if (!input) return fail(400, 'invalid');
  const username = input.username.toLowerCase();
  const [person] = await db.select().from(people).where(eq(people.username, username)).limit(1);
  const hashed = person?.active ? person.passwordHash : null;
  const outcome = await checkSecretLimited(db, {
    account: person ? personAccount(person.id) : unknownAccount(username),
    source: { address: clientAddress, device: null },
    verify: () => (hashed ? verifySecret(hashed, input.password) : verifyAgainstDummy(input.password)),
  });
  if (!outcome.ok) return outcome.waitMs > 0 ? fail(429, 'rate_limited') : fail(401, 'wrong_password');
  if (!person) return fail(401, 'wrong_password');
  if (person.role !== 'pendamping') return fail(403, 'not_facilitator');
  const id = newId();
  await db.insert(devices).values({ id, personId: person.id, name: input.deviceName, publicKey: input.publicKey });
  return { status: 200, body: { deviceId: id, personId: person.id, personName: person.name } };
}

/** What changed at the district for the device's KUBEs since its cursor. */
export async function handlePull(
  db: Database,
  headers: Headers,
  rawBody: string,
  now = Date.now(),
  limits: SnapshotLimits = SNAPSHOT_PAGE,
): Promise<Reply> {
  const input = parse(pullRequest, rawBody);
  if (!input) return fail(400, 'invalid');
  const auth = await authenticate(db, headers, rawBody, input, now);
  if ('refused' in auth) return auth.refused;
  if (input.contentVersion !== (await contentVersion())) return fail(409, 'content_mismatch');
  return { status: 200, body: await pullFor(db, auth.device, input, limits) };
}

/** One batch of the device's change log, applied in one transaction. */
export async function handlePush(db: Database, headers: Headers, rawBody: string, now = Date.now()): Promise<Reply> {
  const input = parse(pushRequest, rawBody);
  if (!input || input.toSeq < input.fromSeq) return fail(400, 'invalid');
  const auth = await authenticate(db, headers, rawBody, input, now);
  if ('refused' in auth) return auth.refused;
  if (input.contentVersion !== (await contentVersion())) return fail(409, 'content_mismatch');
  const outcome = await applyBatch(db, auth.device.id, input);
  if (!outcome.ok) return { status: 409, body: { ...(fail(409, 'gap').body as object), through: outcome.through } };
  return {
    status: 200,
    body: { through: outcome.through, already: outcome.already, refused: outcome.refused, rows: outcome.rows },
  };
}

/** Request bodies above this are refused before they are read whole: a push batch is far smaller. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Reads a request's body as text, or null when it is too large or not readable. A field server gzips its push
 * batches (JSON rows shrink about tenfold on a phone hotspot); the signature covers the JSON itself.
 */
export async function readBody(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return null;
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') return null;
  const raw = Buffer.from(await request.arrayBuffer());
  if (raw.byteLength > MAX_BODY_BYTES) return null;
  if (encoding === 'identity') return raw.toString('utf8');
  try {
    // Bounded: a small body that inflates past the limit is refused, not unpacked whole.
    return gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES }).toString('utf8');
  } catch {
    return null;
  }
}

/** A reply as a JSON response that no cache keeps. */
export const toResponse = (reply: Reply): Response =>
  new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
