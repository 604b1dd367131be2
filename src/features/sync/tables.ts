// The tables a field server and the district exchange (README: "Field kit"), in the order a batch applies them:
// a row's parents come before it. Rows travel as raw SQLite values keyed by column name, so what arrives is
// byte for byte what was stored. Every table here has change-log triggers (migration 0011); a test checks both
// lists agree.

/** How the district finds the KUBE(s) a row belongs to, to decide whether a device may send or receive it. */
export type Scope =
  /** The row names its KUBE in a column. */
  | { kind: 'kube'; column: string }
  /** The row belongs to a person: their KUBEs are the KUBEs of their memberships. */
  | { kind: 'person'; column: string }
  /** The row belongs to a parent row of another synced table, found by one of its columns. */
  | { kind: 'parent'; table: string; column: string }
  /** A correction's history: the scope of the record it names (`table_name`, `record_id`). */
  | { kind: 'changed_record' }
  /** The same for every KUBE (kinds of position, question sets, yearly targets). */
  | { kind: 'global' };

export type SyncedTable = {
  name: string;
  /** The columns that name a row on both sides; for tables with a local autoincrement id, a natural key. */
  key: readonly string[];
  scope: Scope;
  /** Whether a field server may send its rows (false: only the district writes them, the field only pulls). */
  push: boolean;
  /**
   * The columns a field server's push may change in an existing district row. Unset: every column. A person's
   * name, role and sign-in belong to the district; a facilitator in the field can only reset a PIN.
   */
  pushColumns?: readonly string[];
  /** Columns kept local on each side, never sent: a local autoincrement id (replaced by `wire` below). */
  local?: readonly string[];
  /** A table with a natural key whose rows also have their own `id` column (the history names them by it). */
  idColumn?: boolean;
};

export const SYNCED_TABLES: readonly SyncedTable[] = [
  { name: 'kubes', key: ['id'], scope: { kind: 'kube', column: 'id' }, push: false },
  { name: 'jabatan', key: ['code'], scope: { kind: 'global' }, push: false },
  { name: 'indicator_targets', key: ['year', 'key'], scope: { kind: 'global' }, push: false },
  {
    name: 'people',
    key: ['id'],
    scope: { kind: 'person', column: 'id' },
    push: true,
    pushColumns: ['pin_hash', 'secret_changed_at', 'updated_at'],
  },
  { name: 'memberships', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: false },
  {
    name: 'facilitator_assignments',
    key: ['kube_id', 'person_id'],
    scope: { kind: 'kube', column: 'kube_id' },
    push: false,
  },
  { name: 'positions', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  { name: 'item_sets', key: ['module_slug', 'question_ids'], scope: { kind: 'global' }, push: true, local: ['id'] },
  { name: 'workshops', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  {
    name: 'workshop_attendance',
    key: ['workshop_id', 'person_id'],
    scope: { kind: 'parent', table: 'workshops', column: 'workshop_id' },
    push: true,
  },
  // `item_set_id` is a local autoincrement id: attempts travel with the set's natural key instead (rows.ts).
  { name: 'attempts', key: ['id'], scope: { kind: 'person', column: 'person_id' }, push: true, local: ['item_set_id'] },
  {
    name: 'attempt_answers',
    key: ['attempt_id', 'question_id'],
    scope: { kind: 'parent', table: 'attempts', column: 'attempt_id' },
    push: true,
  },
  {
    name: 'test_permissions',
    key: ['person_id', 'module_slug', 'kind'],
    scope: { kind: 'person', column: 'person_id' },
    push: true,
  },
  { name: 'lesson_visits', key: ['id'], scope: { kind: 'person', column: 'person_id' }, push: true },
  {
    name: 'lesson_completions',
    key: ['person_id', 'lesson_id'],
    scope: { kind: 'person', column: 'person_id' },
    push: true,
  },
  {
    name: 'module_progress',
    key: ['person_id', 'module_slug'],
    scope: { kind: 'person', column: 'person_id' },
    push: true,
  },
  { name: 'capacity_assessments', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  {
    name: 'capacity_scores',
    key: ['assessment_id', 'item_id'],
    scope: { kind: 'parent', table: 'capacity_assessments', column: 'assessment_id' },
    push: true,
  },
  { name: 'kube_channels', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  { name: 'kube_products', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  { name: 'kube_partnerships', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  { name: 'kube_turnover', key: ['kube_id', 'month'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  // One scoring per person, task and kind on either side: the natural key, so two sides' scorings meet.
  {
    name: 'practice_scores',
    key: ['person_id', 'task_slug', 'kind'],
    scope: { kind: 'person', column: 'person_id' },
    push: true,
    idColumn: true,
  },
  // A KUBE's training plan: a facilitator plans and starts sessions on a field laptop too.
  { name: 'training_sessions', key: ['id'], scope: { kind: 'kube', column: 'kube_id' }, push: true },
  // A certificate's id is its code, worked out from the person, the module and the serial: a field server and the
  // district issue the same one. The field may add a certificate it showed, never change one (a withdrawal
  // belongs to the district's admin).
  {
    name: 'certificates',
    key: ['id'],
    scope: { kind: 'person', column: 'person_id' },
    push: true,
    pushColumns: [],
  },
  // History rows have a local autoincrement id: a row is the same row when all of these agree.
  {
    name: 'record_changes',
    key: ['table_name', 'record_id', 'field', 'changed_at', 'new_value'],
    scope: { kind: 'changed_record' },
    push: true,
    local: ['id'],
  },
];

const byName = new Map(SYNCED_TABLES.map((table) => [table.name, table]));
const rank = new Map(SYNCED_TABLES.map((table, index) => [table.name, index]));

/** A table's place in the registry (parents first); an unknown table sorts last. */
export const tableRank = (name: string): number => rank.get(name) ?? SYNCED_TABLES.length;

/** Changes in the registry's order, parents first, keeping their order within a table (the sort is stable). */
export const inRegistryOrder = <T extends { table: string }>(changes: readonly T[]): T[] =>
  [...changes].sort((a, b) => tableRank(a.table) - tableRank(b.table));

/** The synced table of this name, or undefined for a table that does not travel. */
export const syncedTable = (name: string): SyncedTable | undefined => byName.get(name);

/** A row's key as the change log and the wire write it: a JSON array of the key columns' values. */
export const rowKeyOf = (table: SyncedTable, row: Readonly<Record<string, unknown>>): string =>
  JSON.stringify(table.key.map((column) => row[column] ?? null));

/**
 * The SQL of one table's change-log triggers (migration 0011 holds their output; tests/unit/sync-tables checks
 * it still matches). `OLD` for a delete, `NEW` otherwise; the origin comes from `sync_context`.
 */
export function triggerSql(table: SyncedTable): string {
  const key = (row: 'NEW' | 'OLD') => `json_array(${table.key.map((column) => `${row}."${column}"`).join(', ')})`;
  const trigger = (event: 'insert' | 'update' | 'delete') => {
    const row = event === 'delete' ? 'OLD' : 'NEW';
    return (
      `CREATE TRIGGER \`${table.name}_log_${event}\` AFTER ${event.toUpperCase()} ON \`${table.name}\` BEGIN ` +
      `INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('${table.name}', ${key(row)}, ` +
      `(SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;`
    );
  };
  return [trigger('insert'), trigger('update'), trigger('delete')].join('\n--> statement-breakpoint\n');
}
