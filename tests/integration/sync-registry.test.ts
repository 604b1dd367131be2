import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Executor } from '../../db/client.ts';
import { facilitatorAssignments, itemSets, people, recordChanges } from '../../db/schema.ts';
import type { WireRow } from '../../src/features/sync/protocol.ts';
import { readRows, withOrigin, writeRow } from '../../src/features/sync/rows.ts';
import { rowKeyOf, SYNCED_TABLES, syncedTable, triggerSql, type SyncedTable } from '../../src/features/sync/tables.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

// The synced-table registry (features/sync/tables.ts) against a migrated database: the triggers exist, match
// the registry and write the key the sync reads, and no table of the app is forgotten by both lists.

/** Tables that never travel: sessions and sign-in counters are per server, the rest is the sync's own state. */
const LOCAL_ONLY = [
  '__drizzle_migrations',
  'sqlite_sequence',
  'sessions',
  'rate_limits',
  'device_reports',
  'devices',
  'change_log',
  'sync_context',
  'field_link',
  'sync_base',
  'sync_refusals',
];

function table(name: string): SyncedTable {
  const found = syncedTable(name);
  if (!found) throw new Error(`not a synced table: ${name}`);
  return found;
}

type Logged = { table_name: string; row_key: string; origin: string | null };
const logged = (db: Executor) => db.all<Logged>(sql`select table_name, row_key, origin from change_log order by seq`);
const logCount = async (db: Executor) =>
  (await db.all<{ n: number }>(sql`select count(*) as n from change_log`))[0]?.n ?? -1;

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
  await t.db.insert(people).values({ id: 'fasil1', name: 'Pak Budi', username: 'budi', role: 'pendamping' });
  await t.db.run(sql`delete from change_log`);
});
afterEach(() => {
  t.cleanup();
});

describe('SYNCED_TABLES and the database', () => {
  it('names every table of the app either as synced or as local-only, so a new table cannot be forgotten', async () => {
    const tables = await t.db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`);
    const unlisted = tables.map(({ name }) => name).filter((name) => !syncedTable(name) && !LOCAL_ONLY.includes(name));
    expect(unlisted).toEqual([]);
    const names = new Set(tables.map(({ name }) => name));
    expect(SYNCED_TABLES.filter(({ name }) => !names.has(name))).toEqual([]);
  });

  it('gives every synced table its three triggers, whose SQL is what triggerSql() makes', async () => {
    const triggers = await t.db.all<{ name: string; tbl_name: string; sql: string }>(
      sql`select name, tbl_name, sql from sqlite_master where type = 'trigger'`,
    );
    for (const synced of SYNCED_TABLES) {
      const expected = triggerSql(synced)
        .split('\n--> statement-breakpoint\n')
        .map((statement) => statement.replace(/;$/, ''));
      const stored = ['insert', 'update', 'delete'].map(
        (event) => triggers.find((trigger) => trigger.name === `${synced.name}_log_${event}`)?.sql,
      );
      expect(stored, synced.name).toEqual(expected);
    }
    // No trigger of another table writes the change log.
    expect(triggers.filter((trigger) => !syncedTable(trigger.tbl_name))).toEqual([]);
  });
});

describe('the change-log triggers', () => {
  it('log an insert, an update and a delete with the key rowKeyOf() computes', async () => {
    await t.db
      .update(people)
      .set({ name: 'Pak Budi S.' })
      .where(sql`id = 'fasil1'`);
    await t.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'fasil1' });
    await t.db.delete(facilitatorAssignments);
    const assignment = table('facilitator_assignments');
    const assignmentKey = rowKeyOf(assignment, { kube_id: 'kubemaju1', person_id: 'fasil1' });
    expect(await logged(t.db)).toEqual([
      { table_name: 'people', row_key: rowKeyOf(table('people'), { id: 'fasil1' }), origin: null },
      { table_name: 'facilitator_assignments', row_key: assignmentKey, origin: null },
      { table_name: 'facilitator_assignments', row_key: assignmentKey, origin: null },
    ]);
    expect(assignmentKey).toBe('["kubemaju1","fasil1"]');
  });

  it('log a history row by its natural key of five columns, numbers as numbers', async () => {
    const change = { tableName: 'kube_products', recordId: 'p1', field: 'price', newValue: '12000' };
    await t.db.insert(recordChanges).values({ ...change, changedBy: 'fasil1', changedAt: new Date(1_700_000_000_000) });
    const [row] = await readRows(t.db, table('record_changes'), [
      rowKeyOf(table('record_changes'), {
        table_name: 'kube_products',
        record_id: 'p1',
        field: 'price',
        changed_at: 1_700_000_000_000,
        new_value: '12000',
      }),
    ]).then((found) => [...found.values()]);
    expect(row).toBeDefined();
    expect((await logged(t.db)).map((entry) => entry.row_key)).toEqual([rowKeyOf(table('record_changes'), row ?? {})]);
    expect(row && 'id' in row).toBe(false);
  });
});

describe('withOrigin()', () => {
  it('records the origin of the writes it wraps, and the server’s own writes after it as null', async () => {
    await t.db.transaction((tx) =>
      withOrigin(tx, 'device-1', () =>
        tx.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'fasil1' }),
      ),
    );
    await t.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju2', personId: 'fasil1' });
    expect((await logged(t.db)).map((entry) => entry.origin)).toEqual(['device-1', null]);
  });

  it('resets the origin to null even when the write throws', async () => {
    await expect(
      withOrigin(t.db, 'district', async () => {
        await t.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'fasil1' });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await t.db.all(sql`select origin from sync_context`)).toEqual([{ origin: null }]);
    await t.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju2', personId: 'fasil1' });
    expect((await logged(t.db)).map((entry) => entry.origin)).toEqual(['district', null]);
  });
});

describe('readRows() and writeRow() across two databases', () => {
  let other: TestDatabase;
  beforeEach(async () => {
    other = await createTestDatabase();
  });
  afterEach(() => {
    other.cleanup();
  });

  /** Copies rows of `name` with these keys from the first database to the other. */
  async function copy(name: string, keys: string[]) {
    const rows = await readRows(t.db, table(name), keys);
    return Promise.all([...rows.values()].map((row) => writeRow(other.db, table(name), row)));
  }

  it('carries an attempt with its question set by natural key, and a second write is the same and logs nothing', async () => {
    await t.db.insert(people).values({ id: 'sumarni', name: 'Sumarni', username: 'sumarni', role: 'anggota' });
    await seedAttempt(t.db, {
      id: 'at1',
      personId: 'sumarni',
      moduleSlug: 'pembukuan',
      kind: 'pre',
      results: { q1: 1, q2: 0 },
      submittedAt: new Date(1_700_000_000_000),
      counted: true,
    });
    // Another set first on the other side, so the set's local id differs there.
    await other.db.insert(itemSets).values({ moduleSlug: 'pemasaran', questionIds: 'x1,x2' });
    expect(await copy('people', ['["sumarni"]'])).toEqual(['inserted']);
    expect(await copy('attempts', ['["at1"]'])).toEqual(['inserted']);

    const sent = (await readRows(t.db, table('attempts'), ['["at1"]'])).get('["at1"]');
    const received = (await readRows(other.db, table('attempts'), ['["at1"]'])).get('["at1"]');
    expect(received).toEqual(sent);
    expect(sent?.['item_set']).toEqual(expect.stringContaining('pembukuan'));
    expect(sent && 'item_set_id' in sent).toBe(false);

    const before = await logCount(other.db);
    expect(await writeRow(other.db, table('attempts'), sent as WireRow)).toBe('same');
    expect(await logCount(other.db)).toBe(before);
  });
});
