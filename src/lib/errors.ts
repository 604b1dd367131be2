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
