import { MODULE_STATES, WORKSHOP_PHASES } from '../../../db/schema.ts';
import type { WireRow } from './protocol.ts';
import type { SyncedTable } from './tables.ts';

// The conflict rules of the field kit (README: "Field kit", "Conflicts"), as pure functions that both sides run:
// the district when a push arrives, the field when a pull arrives, so both reach the same row.
//
// A three-way merge per column. `base` is the row as both sides last agreed on it (the field keeps it from its last
// pull or push). A column only one side changed since the base takes that side's value; a column both changed to
// different values is a conflict, settled by the rules below, and the district's record of truth wins the rest.

type Value = string | number | null;

/** Which value a conflicting column keeps, and why (the reason is shown in the refusal list). */
export type Conflict = {
  column: string;
  kept: 'district' | 'field';
  districtValue: Value;
  fieldValue: Value;
  /** The rule that decided it, a dictionary key under `sync.rule.*`. */
  rule: string;
};

export type Merged = { row: WireRow; conflicts: Conflict[] };

/**
 * Columns a sync never takes from the other side, with the value a new row starts with: each side derives them
 * (attempts.counted: recountAttempts, run after the rows are written).
 */
export const DERIVED_COLUMNS: Readonly<Record<string, Readonly<Record<string, Value>>>> = { attempts: { counted: 0 } };

/**
 * The row to write on this side: derived columns keep this side's value (`existing`), or start at their default
 * for a new row. Call it on every row a sync writes, merged or not: an attempt counted on the other side must
 * not be stored as counted before this side has re-decided it.
 */
export function storable(table: SyncedTable, row: WireRow, existing: WireRow | null): WireRow {
  const derived = DERIVED_COLUMNS[table.name];
  if (!derived) return row;
  const result: WireRow = { ...row };
  for (const [column, initial] of Object.entries(derived))
    result[column] = existing ? (existing[column] ?? initial) : initial;
  return result;
}

const phaseOrder = (phase: Value) => WORKSHOP_PHASES.indexOf(phase as (typeof WORKSHOP_PHASES)[number]);
const later = (a: Value, b: Value) => (typeof a === 'number' ? a : -Infinity) > (typeof b === 'number' ? b : -Infinity);
const earlier = (a: Value, b: Value) => (typeof a === 'number' ? a : Infinity) < (typeof b === 'number' ? b : Infinity);

/**
 * Rules that decide a whole row at once when both sides changed it: returns the side whose row wins, or null to
 * fall back to the per-column district-wins rule.
 */
function rowRule(
  table: string,
  district: WireRow,
  field: WireRow,
  bothChanged: ReadonlySet<string>,
): { kept: 'district' | 'field'; rule: string } | null {
  switch (table) {
    // A PIN reset on both sides: the newer reset is the PIN the member was last told.
    case 'people':
      if (bothChanged.has('pin_hash')) {
        // The time of the reset itself; rows from before it was kept fall back to the row's last change.
        const fieldAt = field['secret_changed_at'] ?? field['updated_at'] ?? null;
        const districtAt = district['secret_changed_at'] ?? district['updated_at'] ?? null;
        return { kept: later(fieldAt, districtAt) ? 'field' : 'district', rule: 'pin_newer' };
      }
      return null;
    // The first time counts: the first completion of a lesson, the first arrival at a workshop.
    case 'lesson_completions':
      return {
        kept: earlier(field['completed_at'] ?? null, district['completed_at'] ?? null) ? 'field' : 'district',
        rule: 'first_time',
      };
    case 'workshop_attendance':
      return {
        kept: earlier(field['joined_at'] ?? null, district['joined_at'] ?? null) ? 'field' : 'district',
        rule: 'first_time',
      };
    // The later permission is the one the facilitator gave last.
    case 'test_permissions':
      return {
        kept: later(field['granted_at'] ?? null, district['granted_at'] ?? null) ? 'field' : 'district',
        rule: 'grant_latest',
      };
    default:
      return null;
  }
}

/** Per-column rules for columns both sides changed; null: the district's value stands. */
function columnRule(
  table: string,
  column: string,
  district: Value,
  field: Value,
): { kept: 'district' | 'field'; rule: string } | null {
  if (table === 'workshops') {
    // A workshop only moves forward: the later phase wins, and a close on either side stands (the first one).
    if (column === 'phase')
      return { kept: phaseOrder(field) > phaseOrder(district) ? 'field' : 'district', rule: 'phase_forward' };
    if (column === 'closed_at') {
      const fieldFirst = district === null || (field !== null && earlier(field, district));
      return { kept: fieldFirst ? 'field' : 'district', rule: 'closed_first' };
    }
  }
  return null;
}

/**
 * Merges the field's row with the district's. `district` null: the district lacks the row, the field's is taken
 * whole. `base` null: neither side's value is known to be old, so every differing column is a conflict.
 * `allowed` limits the columns the field may change at all (SyncedTable.pushColumns); the others keep the
 * district's value, and a field change to one of them is reported as a conflict with the rule `not_allowed`.
 */
export function mergeRow(
  table: SyncedTable,
  input: { field: WireRow; district: WireRow | null; base: WireRow | null },
): Merged {
  const { field, district, base } = input;
  const derived = Object.keys(DERIVED_COLUMNS[table.name] ?? {});
  if (!district) return { row: { ...field }, conflicts: [] };
  if (table.name === 'module_progress') return { row: furthestProgress(district, field), conflicts: [] };
  const row: WireRow = { ...district };
  const conflicts: Conflict[] = [];
  const columns = [...new Set([...Object.keys(district), ...Object.keys(field)])].filter(
    (column) => !table.key.includes(column) && !derived.includes(column),
  );
  const changedByField = (column: string) => !base || (base[column] ?? null) !== (field[column] ?? null);
  const changedByDistrict = (column: string) => !base || (base[column] ?? null) !== (district[column] ?? null);
  const differs = (column: string) => (field[column] ?? null) !== (district[column] ?? null);
  const contested = columns.filter((column) => differs(column) && changedByField(column));

  const bothChanged = new Set(contested.filter((column) => changedByDistrict(column)));
  const whole = bothChanged.size > 0 ? rowRule(table.name, district, field, bothChanged) : null;
  for (const column of contested) {
    const districtValue = district[column] ?? null;
    const fieldValue = field[column] ?? null;
    // The time a row last changed is the later of the two, whichever side's values won: not a conflict.
    if (column === 'updated_at' && changedByDistrict(column)) {
      if (later(fieldValue, districtValue)) row[column] = fieldValue;
      continue;
    }
    if (table.pushColumns && !table.pushColumns.includes(column)) {
      conflicts.push({ column, kept: 'district', districtValue, fieldValue, rule: 'not_allowed' });
      continue;
    }
    if (!changedByDistrict(column)) {
      // Only the field changed it, unless a whole-row rule says the district's row stands.
      if (whole?.kept === 'district')
        conflicts.push({ column, kept: 'district', districtValue, fieldValue, rule: whole.rule });
      else row[column] = fieldValue;
      continue;
    }
    const decided = whole ??
      columnRule(table.name, column, districtValue, fieldValue) ?? {
        kept: 'district' as const,
        rule: 'district_record',
      };
    if (decided.kept === 'field') row[column] = fieldValue;
    conflicts.push({ column, kept: decided.kept, districtValue, fieldValue, rule: decided.rule });
  }
  return { row, conflicts };
}

const stateOrder = (state: Value) => MODULE_STATES.indexOf(state as (typeof MODULE_STATES)[number]);
const larger = (a: Value, b: Value): Value =>
  typeof a === 'number' && typeof b === 'number' ? Math.max(a, b) : (a ?? b);

/**
 * A learner's progress never goes back in a sync: each column keeps the further of the two summaries. After the
 * completions are applied, each side recounts the summary from them (recount.ts `refreshProgress`).
 */
function furthestProgress(district: WireRow, field: WireRow): WireRow {
  return {
    ...district,
    progress: larger(district['progress'] ?? null, field['progress'] ?? null),
    lessons_completed: larger(district['lessons_completed'] ?? null, field['lessons_completed'] ?? null),
    state:
      stateOrder(field['state'] ?? null) > stateOrder(district['state'] ?? null)
        ? (field['state'] ?? null)
        : (district['state'] ?? null),
    last_activity_at: larger(district['last_activity_at'] ?? null, field['last_activity_at'] ?? null),
  };
}
