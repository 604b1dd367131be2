/** A new record id: 32 lower-case hex characters (what `recordId()` in forms.ts accepts). Safe in scripts. */
export function newId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
