import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

// Pieces of CHECK constraints for db/schema.ts. zod at the edge gives people a readable message; these make
// the same rules hold for everything else that writes (scripts, seeds, a future import), and a break is
// refused by the database instead of stored. Only rules the app already keeps belong here.

/**
 * A column by its bare name. drizzle would write `"table"."column"`, and a table rebuild creates the table as
 * `__new_table` first, so a qualified name in its CHECK would name the wrong table.
 */
export const col = (column: SQLiteColumn): SQL => sql`${sql.identifier(column.name)}`;

/** A constant as an SQL string literal: the values are the schema's own `as const` arrays, never input. */
const literal = (value: string) => sql.raw(`'${value.replaceAll("'", "''")}'`);
const number = (value: number) => sql.raw(String(value));

/** The column holds one of `values` (null passes, as in every CHECK: `.notNull()` says whether null may be). */
export const oneOf = (column: SQLiteColumn, values: readonly string[]): SQL =>
  sql`${col(column)} in (${sql.join(values.map(literal), sql`, `)})`;

const DAY = '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]';

/** Calendar days written `YYYY-MM-DD`, so that days compare as strings (src/lib/dates.ts); null passes. */
export const isoDays = (...columns: SQLiteColumn[]): SQL =>
  sql.join(
    columns.map((column) => sql`${col(column)} glob ${literal(DAY)}`),
    sql` and `,
  );

/** A month written `YYYY-MM`. */
export const isoMonth = (column: SQLiteColumn): SQL => sql`${col(column)} glob '[0-9][0-9][0-9][0-9]-[01][0-9]'`;

/** Text with something in it besides spaces (zod's `requiredText` trims before it checks). */
export const nonEmpty = (...columns: SQLiteColumn[]): SQL =>
  sql.join(
    columns.map((column) => sql`length(trim(${col(column)})) > 0`),
    sql` and `,
  );

/** A period that does not end before it starts; an open end (null) passes. */
export const inOrder = (start: SQLiteColumn, end: SQLiteColumn): SQL =>
  sql`${col(end)} is null or ${col(end)} >= ${col(start)}`;

/** A number from `min` to `max`, both included; `max` may be another column. */
export const between = (column: SQLiteColumn, min: number, max: number | SQLiteColumn): SQL =>
  sql`${col(column)} between ${number(min)} and ${typeof max === 'number' ? number(max) : col(max)}`;

/** A number that is not below `min`. */
export const atLeast = (column: SQLiteColumn, min: number): SQL => sql`${col(column)} >= ${number(min)}`;

/** Exactly `length` characters, each in `charClass` (a GLOB class such as `[0-9A-Z]`). */
export const fixedCode = (column: SQLiteColumn, charClass: string, length: number): SQL =>
  sql`${col(column)} glob ${literal(charClass.repeat(length))}`;
