// Request bodies are read in full, within a size and a time limit, before a request may wait for a render
// slot: a client trickling its body (1 byte every 5 s) then holds only its own socket, never a slot, and a
// body past the limit is refused before it is buffered (OWASP ASVS 5.0 §4.1: limits on request size).
import type http from 'node:http';

export type BodyLimits = {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** The longest a body may take to arrive. */
  timeoutMs: number;
};

export type BodyResult = { body: Buffer } | { refused: 408 | 413 } | { gone: true };

/** True when the request announces a body (a length above 0, or chunked transfer). */
export function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads the body into memory. A declared length over the limit is refused without reading a byte; a body that
 * grows past it, or that has not arrived in time, is refused as soon as that is known.
 */
export function readBody(req: http.IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  if (Number(req.headers['content-length']) > limits.maxBytes) return Promise.resolve({ refused: 413 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const finish = (result: BodyResult) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('aborted', onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes > limits.maxBytes) finish({ refused: 413 });
      else chunks.push(chunk);
    };
    const onEnd = () => {
      finish({ body: Buffer.concat(chunks, bytes) });
    };
    const onGone = () => {
      finish({ gone: true });
    };
    const timer = setTimeout(() => {
      finish({ refused: 408 });
    }, limits.timeoutMs);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('aborted', onGone);
  });
}
