import type { MessageKey, Translate } from '../i18n/index.ts';

// One shape for every message a person may read about what went wrong: a dictionary key and its values,
// carried as data from the feature function to the page (or the player), and turned into a sentence only
// there, in the reader's language.

export type MessageParams = Readonly<Record<string, string | number>>;

/** A dictionary key with the values for its `{name}` placeholders. */
export type Message = { readonly key: MessageKey; readonly params?: MessageParams | undefined };

/** The sentence for a message (or a bare key) in the reader's language. */
export function translateMessage(message: Message | MessageKey, t: Translate): string {
  return typeof message === 'string' ? t(message) : t(message.key, message.params);
}

/**
 * The refusals a feature function raises, each an ActionError code. The test player trusts exactly these
 * (see `sync.ts`): they carry a sentence written for the person; any other code is a fault or a transient.
 */
export const REFUSAL_CODES = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type DomainErrorCode = Exclude<RefusalCode, 'UNAUTHORIZED'>;

export type DomainErrorOptions = {
  /** The form field the refusal belongs to, e.g. `username`. */
  field?: string | null | undefined;
  params?: MessageParams | undefined;
  code?: DomainErrorCode | undefined;
};

/**
 * A refusal a person can fix, raised by plain feature functions (no Astro imports, so integration tests
 * and scripts call them directly). `asAction` turns it into an ActionError in the reader's language.
 */
export class DomainError extends Error implements Message {
  readonly key: MessageKey;
  readonly params: MessageParams | undefined;
  readonly field: string | null;
  readonly code: DomainErrorCode;

  constructor(key: MessageKey, { field = null, params, code = 'BAD_REQUEST' }: DomainErrorOptions = {}) {
    // For the log only: nothing reads this text back.
    super(`${field ? `${field}: ` : ''}${key}${params ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'DomainError';
    this.key = key;
    this.params = params;
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
