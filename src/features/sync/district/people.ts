import { sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import type { Change, WireRow } from '../protocol.ts';
import { toWire } from '../rows.ts';
import { rowKeyOf, syncedTable } from '../tables.ts';
import { inScope, kubesOfRows } from './scope.ts';

// Rows name people: the member who took a test, the admin who corrected a score, the facilitator who made a
// workshop. A field server must hold each person a pulled row names, or the row breaks its foreign key there and
// the pull fails. People of the device's KUBEs (and the facilitator) travel whole; anyone else — an admin,
// another KUBE's facilitator — travels as a stand-in with their name and role only: no password or PIN hash,
// no phone, no sex, inactive, so nobody can sign in as them on the laptop.

/** Columns that name a person. */
const namesPerson = (column: string) => column === 'person_id' || column.endsWith('_by');

/** The people these changes name that are not among them, whole or as stand-ins. */
export async function namedPeople(
  db: Executor,
  changes: readonly Change[],
  assigned: ReadonlySet<string>,
  facilitatorId: string,
): Promise<Change[]> {
  const present = new Set(changes.filter((c) => c.table === 'people' && c.row).map((c) => String(c.row?.['id'])));
  const named = new Set<string>();
  for (const { table, row } of changes) {
    if (!row || table === 'people') continue;
    for (const [column, value] of Object.entries(row)) {
      if (namesPerson(column) && typeof value === 'string' && !present.has(value)) named.add(value);
    }
  }
  if (named.size === 0) return [];
  const table = syncedTable('people');
  if (!table) return [];
  const rows = await toWire(
    db,
    table,
    await db.all<Record<string, unknown>>(
      sql`select * from people where id in (${sql.join(
        [...named].map((id) => sql`${id}`),
        sql`, `,
      )})`,
    ),
  );
  const kubes = await kubesOfRows(db, table, rows);
  return rows.map((row, index) => {
    const whole = row['id'] === facilitatorId || inScope(kubes[index] ?? new Set(), assigned);
    const sent: WireRow = whole ? row : standIn(row);
    return { table: 'people', key: rowKeyOf(table, sent), row: sent };
  });
}

function standIn(row: WireRow): WireRow {
  return {
    ...row,
    password_hash: null,
    pin_hash: null,
    secret_changed_at: null,
    phone: null,
    business: null,
    sex: null,
    active: 0,
  };
}
