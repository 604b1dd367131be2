import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

// Many rows read as one: libSQL hands rows over one by one (about 18 µs each), so a read of thousands — a
// district's positions, assessments, scores, facts or pairs — asks for one JSON text of arrays instead.

/** The rows `from` gives (`from … where …`) as arrays of `columns` (comma-separated), in no particular order. */
export async function packedRows<Row extends unknown[]>(db: Executor, columns: SQL, from: SQL): Promise<Row[]> {
  const [row] = await db.all<{ packed: string | null }>(
    sql`select json_group_array(json_array(${columns})) as packed ${from}`,
  );
  return row?.packed ? (JSON.parse(row.packed) as Row[]) : [];
}
