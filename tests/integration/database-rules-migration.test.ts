import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '../../db/client.ts';
import { migrateDatabase, MIGRATIONS_FOLDER } from '../../db/migrate.ts';

// Migration 0009 rebuilds most tables to add CHECK constraints and a foreign key. A database that lived
// through 0000–0008 is filled with one row of every kind (children under cascading keys among them, and the
// rows 0009 must repair), then 0009 runs: every row must still be there, and only the repaired ones changed.

const RULES_MIGRATION = '0009_database_rules';
const DAY = 86_400_000;

let dir: string;
let connection: Connection;

/** Migrates to just before 0009, from a copy of the migrations whose journal stops there. */
async function migrateBeforeRules(): Promise<void> {
  const folder = join(dir, 'migrations');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const stop = journal.entries.findIndex((entry) => entry.tag === RULES_MIGRATION);
  expect(stop).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, stop) }));
  await migrate(connection.db, { migrationsFolder: folder });
}

const ROWS = [
  `INSERT INTO people (id, name, username, role, created_at) VALUES
     ('p1', 'Ibu Admin', 'admin', 'admin', 1), ('p2', 'Siti', 'siti', 'anggota', 1), ('p3', 'Pak Budi', 'budi', 'pendamping', 1)`,
  `INSERT INTO kubes (id, name, desa, kecamatan, kabupaten, provinsi, business_types, sk_date, created_at)
     VALUES ('k1', 'KUBE Mawar', 'Sukamaju', 'Cibeber', 'Cianjur', 'Jawa Barat', '["warung"]', '2024-01-15', 1)`,
  `INSERT INTO memberships (id, kube_id, person_id, joined_on, left_on) VALUES
     ('m1', 'k1', 'p2', '2024-02-01', NULL), ('m0', 'k1', 'p1', '2023-01-01', '2023-06-30')`,
  `INSERT INTO positions (id, kube_id, person_id, jabatan_code, start_date, end_date, created_at)
     VALUES ('pos1', 'k1', 'p2', 'ketua', '2024-02-01', NULL, 1)`,
  `INSERT INTO facilitator_assignments (kube_id, person_id, created_at) VALUES ('k1', 'p3', 1)`,
  `INSERT INTO rate_limits (key, failures, window_started_at, blocked_until) VALUES ('pair:x', 2, 1, 0)`,
  `INSERT INTO lesson_visits (id, person_id, module_slug, lesson_id, visited_at) VALUES ('v1', 'p2', 'm', 'm/a', 1)`,
  `INSERT INTO lesson_completions (person_id, lesson_id, module_slug, completed_at) VALUES ('p2', 'm/a', 'm', 1)`,
  `INSERT INTO module_progress (person_id, module_slug, progress, state, lessons_completed, lessons_total, last_activity_at)
     VALUES ('p2', 'm', 0.5, 'sedang_belajar', 1, 2, 1)`,
  `INSERT INTO item_sets (id, module_slug, question_ids) VALUES (1, 'm', 'q1,q2')`,
  // Two counted pre-tests of one person and module: the later one (a2) must become a retake.
  `INSERT INTO attempts (id, person_id, module_slug, kind, form, items, answer_key, started_at, submitted_at, score,
     correct, total, by_objective, item_set_id, item_bits, counted) VALUES
     ('a1', 'p2', 'm', 'pre', 'A', '[]', '{}', ${DAY}, ${2 * DAY}, 50, 1, 2, '{}', 1, '10', 1),
     ('a2', 'p2', 'm', 'pre', 'A', '[]', '{}', ${DAY}, ${3 * DAY}, 100, 2, 2, '{}', 1, '11', 1),
     ('a3', 'p2', 'm', 'post', NULL, '[]', '{}', ${DAY}, NULL, NULL, NULL, 2, NULL, NULL, NULL, 0)`,
  `INSERT INTO attempt_answers (attempt_id, question_id, option_id, answered_at, received_at) VALUES
     ('a1', 'q1', 'o1', 1, 1), ('a2', 'q1', 'o2', 1, 1), ('a3', 'q1', 'o1', 1, 1)`,
  `INSERT INTO test_permissions (person_id, module_slug, kind, granted_by, granted_at) VALUES ('p2', 'm', 'open_post', 'p3', 1)`,
  `INSERT INTO workshops (id, kube_id, module_slug, date, place, code, phase, created_by, created_at)
     VALUES ('w1', 'k1', 'm', '2024-03-01', 'Balai desa', 'ABCDEF', 'post_test', 'p3', 1)`,
  `INSERT INTO workshop_attendance (workshop_id, person_id, joined_at, method) VALUES ('w1', 'p2', 1, 'pin')`,
  `INSERT INTO device_reports (attempt_id, workshop_id, unsent, submit_pending, reported_at) VALUES ('a3', 'w1', 3, 0, 1)`,
  // s3 is a tablet session of a workshop that is gone: the middleware refuses it, and 0009 ends it.
  `INSERT INTO sessions (id, secret_hash, person_id, created_at, last_verified_at, user_agent, workshop_id) VALUES
     ('s1', x'00', 'p1', 1, 1, 'ua', NULL), ('s2', x'01', 'p2', 1, 1, 'tablet', 'w1'), ('s3', x'02', 'p2', 1, 1, 'tablet', 'gone')`,
  `INSERT INTO capacity_assessments (id, kube_id, rubric_slug, rubric_version, assessed_on, assessed_by, created_at)
     VALUES ('ca1', 'k1', 'kapasitas', 1, '2024-02-10', 'p3', 1)`,
  `INSERT INTO capacity_scores (assessment_id, item_id, score) VALUES ('ca1', 'i1', 1), ('ca1', 'i2', 4)`,
  `INSERT INTO kube_channels (id, kube_id, channel, started_on, ended_on, created_by, created_at)
     VALUES ('c1', 'k1', 'pasar', '2024-01-01', '2024-05-01', 'p3', 1)`,
  `INSERT INTO kube_products (id, kube_id, name, started_on, created_by, created_at)
     VALUES ('pr1', 'k1', 'Sate', '2024-01-01', 'p3', 1)`,
  `INSERT INTO kube_partnerships (id, kube_id, partner, type, since, status, ended_on, created_by, created_at)
     VALUES ('pa1', 'k1', 'BUMDes Maju', 'bumdes', '2024-01-01', 'berakhir', '2024-04-01', 'p3', 1)`,
  `INSERT INTO kube_turnover (kube_id, month, amount, recorded_by, recorded_at) VALUES ('k1', '2024-02', 1500000, 'p3', 1)`,
  `INSERT INTO indicator_targets (year, key, value, set_by, set_at) VALUES (2024, 'i2_mastery', 0.7, 'p1', 1)`,
  `INSERT INTO record_changes (table_name, record_id, field, old_value, new_value, changed_by, changed_at)
     VALUES ('kube_turnover', 'k1/2024-02', 'amount', '1', '1500000', 'p3', 1)`,
];

/** Tables that migrations after 0009 create (migrateDatabase applies them too). */
const LATER_TABLES = [
  'practice_scores',
  'change_log',
  'devices',
  'field_link',
  'sync_base',
  'sync_context',
  'sync_refusals',
  'certificates',
  'training_sessions',
];

/** Columns later migrations add to 0009's tables (null in these rows): not part of what 0009 must keep. */
const LATER_COLUMNS: Record<string, string[]> = {
  people: ['secret_changed_at', 'sex', 'must_change_password'],
  workshops: ['purpose'],
};
const withoutLaterColumns = (table: string, rows: string[] | undefined) =>
  (rows ?? [])
    .map((row) => {
      const later = LATER_COLUMNS[table] ?? [];
      const parsed = Object.entries(JSON.parse(row) as Record<string, unknown>);
      return JSON.stringify(Object.fromEntries(parsed.filter(([column]) => !later.includes(column))));
    })
    .sort();

/** Every row of every app table, as sorted JSON lines per table: what must survive the rebuild. */
async function dumpRows(): Promise<Record<string, string[]>> {
  const tables = await connection.client.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
  );
  const dump: Record<string, string[]> = {};
  for (const { name: table } of tables.rows) {
    if (typeof table !== 'string') continue;
    const result = await connection.client.execute(`SELECT * FROM "${table}"`);
    dump[table] = result.rows
      .map((row) => JSON.stringify(row, (_, v: unknown) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v)))
      .sort();
  }
  return dump;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kube-berdaya-rules-'));
  connection = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
  await migrateBeforeRules();
  await connection.client.batch(ROWS, 'write');
});
afterEach(() => {
  connection.client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0009 (the database guards its own rules)', () => {
  it('keeps every row through the table rebuilds, children of cascading keys included', async () => {
    const before = await dumpRows();
    await migrateDatabase(connection.db);
    const after = await dumpRows();

    const repaired = (rows: string[] | undefined) =>
      (rows ?? []).map((row) => JSON.parse(row) as Record<string, unknown>);
    // Migrations after 0009 may add tables; none of 0009's may be lost.
    expect(Object.keys(after).filter((table) => !LATER_TABLES.includes(table))).toEqual(Object.keys(before));
    for (const table of Object.keys(before)) {
      if (table === 'attempts' || table === 'sessions') continue;
      expect(withoutLaterColumns(table, after[table]), table).toEqual(before[table]);
    }
    expect(after.attempt_answers).toHaveLength(3);
    expect(after.capacity_scores).toHaveLength(2);
    expect(after.jabatan?.length).toBeGreaterThan(5);

    // The earliest counted attempt stays counted; the later duplicate becomes a retake, with its result kept.
    const attempts = repaired(after.attempts);
    expect(attempts.map((a) => [a.id, a.counted, a.score])).toEqual([
      ['a1', 1, 50],
      ['a2', 0, 100],
      ['a3', 0, null],
    ]);
    expect(after.attempts?.filter((row) => !row.includes('"a2"'))).toEqual(
      before.attempts?.filter((row) => !row.includes('"a2"')),
    );
    // Only the tablet session of the vanished workshop ended.
    expect(repaired(after.sessions).map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('leaves the database as it was when foreign keys are on, instead of letting a drop cascade', async () => {
    const before = await dumpRows();
    const source = readFileSync(join(MIGRATIONS_FOLDER, `${RULES_MIGRATION}.sql`), 'utf8');
    const statements = source.split('--> statement-breakpoint').filter((s) => s.trim() !== '');
    // A plain batch runs with foreign keys on (libSQL's default), unlike the migrator's `migrate()`.
    await expect(connection.client.batch(statements, 'write')).rejects.toThrow(
      /CHECK constraint failed: foreign_keys_off/,
    );
    expect(await dumpRows()).toEqual(before);
  });

  it('then refuses a second counted attempt and a session of no workshop', async () => {
    await migrateDatabase(connection.db);
    await expect(connection.client.execute("UPDATE attempts SET counted = 1 WHERE id = 'a2'")).rejects.toThrow(
      /UNIQUE constraint failed/,
    );
    await expect(
      connection.client.execute(
        "INSERT INTO sessions (id, secret_hash, person_id, last_verified_at, workshop_id) VALUES ('s9', x'09', 'p2', 1, 'gone')",
      ),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });
});
