/** Strings in code-unit order (as SQLite's BINARY collation sorts ASCII text), for a sort that must be total. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
