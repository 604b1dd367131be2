import { gzipSync } from 'node:zlib';
import type { z } from 'astro/zod';
import { isMessageKey } from '../../../i18n/index.ts';
import { DomainError, type DomainErrorCode } from '../../../lib/errors.ts';
import { DEVICE_HEADER, errorResponse, SIGNATURE_HEADER, signWith } from '../protocol.ts';

// How a field server reaches the district: one JSON POST per message. Tests pass a transport that calls the
// district's handlers on another database in the same process; the server uses `httpTransport`.

export type TransportAnswer = { status: number; body: unknown };
export type Transport = (
  path: string,
  body: string,
  headers: Readonly<Record<string, string>>,
) => Promise<TransportAnswer>;

/** A slow phone hotspot still gets a 200-row batch through in this time; past it the district counts as away. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Request bodies longer than this go gzipped (a push batch of rows); a pull request is a few hundred bytes. */
const GZIP_FROM_CHARS = 2048;

/** The district over HTTP. A network failure or a timeout is `sync.error.unreachable`. */
export function httpTransport(districtUrl: string, timeoutMs = REQUEST_TIMEOUT_MS): Transport {
  return async (path, body, headers) => {
    let response: Response;
    let text: string;
    try {
      const packed = body.length > GZIP_FROM_CHARS;
      response = await fetch(`${districtUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(packed ? { 'content-encoding': 'gzip' } : {}), ...headers },
        body: packed ? gzipSync(body) : body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      console.warn(`district ${districtUrl}${path} unreachable:`, error);
      throw new DomainError('sync.error.unreachable', { code: 'CONFLICT' });
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page, a wrong address): read as an answer without a known error.
    }
    return { status: response.status, body: parsed };
  };
}

/** The headers of a signed request: the device and its signature of the exact body sent. */
export const signedHeaders = (device: { deviceId: string; privateKey: string }, body: string) => ({
  [DEVICE_HEADER]: device.deviceId,
  [SIGNATURE_HEADER]: signWith(device.privateKey, body),
});

const codeOf = (status: number): DomainErrorCode =>
  status === 403 ? 'FORBIDDEN' : status === 400 ? 'BAD_REQUEST' : 'CONFLICT';

/**
 * Sends one message and reads the answer with its schema. The district's error answers become DomainErrors with
 * its `sync.error.*` key; an answer that does not fit the schema is `sync.error.invalid`.
 */
export async function sendMessage<Schema extends z.ZodType>(
  transport: Transport,
  path: string,
  message: unknown,
  answer: Schema,
  device?: { deviceId: string; privateKey: string },
): Promise<z.infer<Schema>> {
  const body = JSON.stringify(message);
  const { status, body: received } = await transport(path, body, device ? signedHeaders(device, body) : {});
  if (status !== 200) {
    const error = errorResponse.safeParse(received);
    const key = error.success && error.data.error.startsWith('sync.error.') ? error.data.error : null;
    if (status >= 500 && !key) throw new DomainError('sync.error.busy', { code: 'CONFLICT' });
    throw new DomainError(key && isMessageKey(key) ? key : 'sync.error.invalid', { code: codeOf(status) });
  }
  const parsed = answer.safeParse(received);
  if (!parsed.success) {
    console.warn(`district answer to ${path} does not fit:`, parsed.error.issues.slice(0, 3));
    throw new DomainError('sync.error.invalid', { code: 'CONFLICT' });
  }
  return parsed.data;
}
