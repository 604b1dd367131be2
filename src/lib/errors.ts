export type DomainErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT';

/**
 * A refusal a person can fix, raised by plain feature functions (no Astro imports, so integration tests
 * and scripts call them directly). `field` ties it to a form field; `key` is a dictionary key such as
 * `errors.usernameTaken` (params as `key|name=value`). `asAction` turns it into an ActionError.
 */
export class DomainError extends Error {
  readonly key: string;
  readonly field: string | null;
  readonly code: DomainErrorCode;

  constructor(key: string, field: string | null = null, code: DomainErrorCode = 'BAD_REQUEST') {
    super(field ? `${field}: ${key}` : key);
    this.name = 'DomainError';
    this.key = key;
    this.field = field;
    this.code = code;
  }
}

/**
 * The server could not do it now, though nothing is wrong with the request: e.g. a write waited too long for
 * the database's write lock. Actions answer it as SERVICE_UNAVAILABLE, which the test player retries.
 */
export class BusyError extends Error {
  constructor(cause: string) {
    super(`server busy: ${cause}`);
    this.name = 'BusyError';
  }
}

/** Whether an error is, or was caused by, a BusyError (drizzle wraps a failed query's error as its `cause`). */
export function isBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof BusyError) return true;
  }
  return false;
}
