/** A new record id: 32 lower-case hex characters (one of the ids `recordId()` in forms.ts accepts). Safe in scripts. */
export function newId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
