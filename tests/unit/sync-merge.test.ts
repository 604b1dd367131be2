import { describe, expect, it } from 'vitest';
import { mergeRow } from '../../src/features/sync/merge.ts';
import type { WireRow } from '../../src/features/sync/protocol.ts';
import { syncedTable, type SyncedTable } from '../../src/features/sync/tables.ts';

// The conflict rules of the field kit, one `describe` per row of the README's table ("Field kit", "Conflicts").
// `field` is the laptop's row, `district` the district's, `base` the row as both last agreed on it.

function table(name: string): SyncedTable {
  const found = syncedTable(name);
  if (!found) throw new Error(`not a synced table: ${name}`);
  return found;
}
/**
 * The same table as the field server merges a pulled row (`pushColumns` unset): it may keep any column of its own.
 * The key is deleted rather than set to undefined, which `exactOptionalPropertyTypes` refuses.
 */
function onField(name: string): SyncedTable {
  const copy: SyncedTable = { ...table(name) };
  delete copy.pushColumns;
  return copy;
}

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

const position: WireRow = {
  id: 'pos1',
  kube_id: 'kubemaju1',
  person_id: 'sumarni',
  jabatan_code: 'bendahara',
  start_date: '2025-01-06',
  end_date: null,
  note: null,
  created_at: T0,
};
const person: WireRow = {
  id: 'sumarni',
  name: 'Sumarni',
  username: 'sumarni',
  role: 'anggota',
  password_hash: null,
  pin_hash: 'pin-old',
  phone: null,
  business: 'warung sate',
  active: 1,
  created_at: T0,
  updated_at: T0,
};
const workshop: WireRow = {
  id: 'ws1',
  kube_id: 'kubemaju1',
  module_slug: 'pembukuan',
  date: '2025-03-01',
  place: 'Balai desa',
  notes: null,
  code: 'ABCD23',
  phase: 'pre_test',
  created_by: 'fasil1',
  created_at: T0,
  closed_at: null,
};

describe('a column only one side changed', () => {
  it('takes the field’s value when only the field changed it', () => {
    const field = { ...position, note: 'dipilih di rapat' };
    expect(mergeRow(table('positions'), { field, district: position, base: position })).toEqual({
      row: field,
      conflicts: [],
    });
  });

  it('keeps the district’s value when only the district changed it, with no conflict', () => {
    const district = { ...position, end_date: '2025-04-30' };
    expect(mergeRow(table('positions'), { field: position, district, base: position })).toEqual({
      row: district,
      conflicts: [],
    });
  });

  it('takes each side’s own column when they changed different columns', () => {
    const field = { ...position, note: 'dipilih di rapat' };
    const district = { ...position, end_date: '2025-04-30' };
    const merged = mergeRow(table('positions'), { field, district, base: position });
    expect(merged.row).toEqual({ ...position, note: 'dipilih di rapat', end_date: '2025-04-30' });
    expect(merged.conflicts).toEqual([]);
  });
});

describe('a column both sides changed (district_record)', () => {
  it('keeps the district’s value and reports the conflict with both values', () => {
    const field = { ...position, note: 'dari lapangan' };
    const district = { ...position, note: 'dari kabupaten' };
    const merged = mergeRow(table('positions'), { field, district, base: position });
    expect(merged.row).toEqual(district);
    expect(merged.conflicts).toEqual([
      {
        column: 'note',
        kept: 'district',
        districtValue: 'dari kabupaten',
        fieldValue: 'dari lapangan',
        rule: 'district_record',
      },
    ]);
  });

  it('is no conflict when both changed it to the same value', () => {
    const both = { ...position, note: 'sama' };
    expect(mergeRow(table('positions'), { field: both, district: both, base: position }).conflicts).toEqual([]);
  });
});

describe('a person’s name (not_allowed: only the district changes it)', () => {
  it('keeps the district’s name when both sides changed it', () => {
    const field = { ...person, name: 'Bu Sumarni' };
    const district = { ...person, name: 'Sumarni Wati' };
    const merged = mergeRow(table('people'), { field, district, base: person });
    expect(merged.row['name']).toBe('Sumarni Wati');
    expect(merged.conflicts).toEqual([
      {
        column: 'name',
        kept: 'district',
        districtValue: 'Sumarni Wati',
        fieldValue: 'Bu Sumarni',
        rule: 'not_allowed',
      },
    ]);
  });

  it('keeps the district’s name when only the field changed it, and lists the refused change', () => {
    const field = { ...person, name: 'Bu Sumarni' };
    const merged = mergeRow(table('people'), { field, district: person, base: person });
    expect(merged.row).toEqual(person);
    expect(merged.conflicts).toEqual([
      { column: 'name', kept: 'district', districtValue: 'Sumarni', fieldValue: 'Bu Sumarni', rule: 'not_allowed' },
    ]);
  });
});

describe('a PIN reset (pin_newer)', () => {
  it('keeps the field’s PIN when both reset it and the field’s reset is newer', () => {
    const field = { ...person, pin_hash: 'pin-field', updated_at: T0 + 2 * HOUR };
    const district = { ...person, pin_hash: 'pin-district', updated_at: T0 + HOUR };
    const merged = mergeRow(table('people'), { field, district, base: person });
    expect(merged.row).toEqual({ ...person, pin_hash: 'pin-field', updated_at: T0 + 2 * HOUR });
    expect(merged.conflicts).toEqual([
      { column: 'pin_hash', kept: 'field', districtValue: 'pin-district', fieldValue: 'pin-field', rule: 'pin_newer' },
    ]);
  });

  it('keeps the district’s PIN when both reset it and the district’s reset is newer', () => {
    const field = { ...person, pin_hash: 'pin-field', updated_at: T0 + HOUR };
    const district = { ...person, pin_hash: 'pin-district', updated_at: T0 + 2 * HOUR };
    const merged = mergeRow(table('people'), { field, district, base: person });
    expect(merged.row).toEqual(district);
    expect(merged.conflicts).toEqual([
      {
        column: 'pin_hash',
        kept: 'district',
        districtValue: 'pin-district',
        fieldValue: 'pin-field',
        rule: 'pin_newer',
      },
    ]);
  });

  it('keeps both when the field reset the PIN and the district changed the name', () => {
    const field = { ...person, pin_hash: 'pin-field', updated_at: T0 + HOUR };
    const district = { ...person, name: 'Sumarni Wati', updated_at: T0 + 2 * HOUR };
    const merged = mergeRow(table('people'), { field, district, base: person });
    expect(merged.row).toEqual({ ...person, name: 'Sumarni Wati', pin_hash: 'pin-field', updated_at: T0 + 2 * HOUR });
    expect(merged.conflicts).toEqual([]);
  });

  // `updated_at` moves with any later edit of the person (a phone number): the rule compares the time of the reset
  // itself, `secret_changed_at`, so the PIN the member was told last stands.
  it('keeps the newer reset even when the district edited the person after both resets', () => {
    const field = { ...person, pin_hash: 'pin-field', secret_changed_at: T0 + 2 * HOUR, updated_at: T0 + 2 * HOUR };
    const district = {
      ...person,
      pin_hash: 'pin-district',
      phone: '0812',
      secret_changed_at: T0 + HOUR,
      updated_at: T0 + 3 * HOUR,
    };
    // Reset at the district at T0 + 1 h, in the field at T0 + 2 h, phone edited at the district at T0 + 3 h.
    const merged = mergeRow(table('people'), { field, district, base: person });
    expect(merged.row['pin_hash']).toBe('pin-field');
  });
});

describe('updated_at (the later of the two)', () => {
  it('takes the later time whichever side’s values won, and never reports it as a conflict', () => {
    const field = { ...person, name: 'Bu Sumarni', updated_at: T0 + 2 * HOUR };
    const district = { ...person, phone: '0812', updated_at: T0 + HOUR };
    const merged = mergeRow(table('people'), { field, district, base: person });
    expect(merged.row['updated_at']).toBe(T0 + 2 * HOUR);
    expect(merged.conflicts.map((conflict) => conflict.column)).toEqual(['name']);
  });

  it('keeps the district’s time when it is the later one', () => {
    const field = { ...person, pin_hash: 'pin-field', updated_at: T0 + HOUR };
    const district = { ...person, phone: '0812', updated_at: T0 + 2 * HOUR };
    const merged = mergeRow(table('people'), { field, district, base: person });
    expect(merged.row['updated_at']).toBe(T0 + 2 * HOUR);
    expect(merged.conflicts).toEqual([]);
  });
});

describe('module progress (furthest, never back)', () => {
  const base: WireRow = {
    person_id: 'sumarni',
    module_slug: 'pembukuan',
    progress: 0.25,
    state: 'sedang_belajar',
    lessons_completed: 1,
    lessons_total: 4,
    last_activity_at: T0,
  };
  const field = { ...base, progress: 0.75, lessons_completed: 3, last_activity_at: T0 + 2 * HOUR };
  const district = { ...base, progress: 0.5, lessons_completed: 2, last_activity_at: T0 + HOUR };

  it('keeps the further summary of each column, without a conflict to list', () => {
    const merged = mergeRow(table('module_progress'), { field, district, base });
    expect(merged.row).toEqual(field);
    expect(merged.conflicts).toEqual([]);
  });

  // Lessons done on the laptop (2 and 3) and, later, one at the district (4): the district's summary has the later
  // activity, yet the member's progress must not drop from 3 lessons to 2 (the completions themselves travel, and
  // each side recounts from them after a sync: recount.ts refreshProgress).
  it('never lowers the lessons a member completed, whichever side was active last', () => {
    const later = { ...district, last_activity_at: T0 + 3 * HOUR };
    const merged = mergeRow(table('module_progress'), { field, district: later, base });
    expect(merged.row).toMatchObject({ lessons_completed: 3, progress: 0.75, last_activity_at: T0 + 3 * HOUR });
  });

  it('keeps the further state', () => {
    const done = { ...field, state: 'materi_selesai', progress: 1, lessons_completed: 4 };
    expect(mergeRow(table('module_progress'), { field: district, district: done, base }).row['state']).toBe(
      'materi_selesai',
    );
  });
});

describe('the first time counts (first_time)', () => {
  it('keeps the earlier completion of a lesson', () => {
    const row = (completedAt: number): WireRow => ({
      person_id: 'sumarni',
      lesson_id: 'pembukuan/1',
      module_slug: 'pembukuan',
      completed_at: completedAt,
    });
    const merged = mergeRow(table('lesson_completions'), { field: row(T0), district: row(T0 + HOUR), base: null });
    expect(merged.row['completed_at']).toBe(T0);
    expect(merged.conflicts[0]?.rule).toBe('first_time');
  });

  it('keeps the earlier arrival at a workshop, with how it was recorded', () => {
    const row = (joinedAt: number, method: string): WireRow => ({
      workshop_id: 'ws1',
      person_id: 'sumarni',
      joined_at: joinedAt,
      method,
    });
    const field = row(T0 + HOUR, 'pin');
    const district = row(T0, 'manual');
    expect(mergeRow(table('workshop_attendance'), { field, district, base: null }).row).toEqual(district);
    expect(mergeRow(table('workshop_attendance'), { field: district, district: field, base: null }).row).toEqual(
      district,
    );
  });
});

describe('a test permission (grant_latest)', () => {
  it('keeps the later grant, the one the facilitator gave last', () => {
    const row = (grantedAt: number, by: string): WireRow => ({
      person_id: 'sumarni',
      module_slug: 'pembukuan',
      kind: 'retake_post',
      granted_by: by,
      granted_at: grantedAt,
    });
    const merged = mergeRow(table('test_permissions'), {
      field: row(T0 + HOUR, 'fasil1'),
      district: row(T0, 'admin0001'),
      base: null,
    });
    expect(merged.row).toEqual(row(T0 + HOUR, 'fasil1'));
    expect(merged.conflicts.every((conflict) => conflict.rule === 'grant_latest')).toBe(true);
  });
});

describe('a workshop (phase_forward, closed_first)', () => {
  it('moves the phase only forward, whichever side is ahead', () => {
    const field = { ...workshop, phase: 'post_test' };
    const district = { ...workshop, phase: 'materi' };
    expect(mergeRow(table('workshops'), { field, district, base: workshop }).row['phase']).toBe('post_test');
    expect(mergeRow(table('workshops'), { field: district, district: field, base: workshop }).row['phase']).toBe(
      'post_test',
    );
  });

  it('keeps the first close of the two', () => {
    const field = { ...workshop, phase: 'selesai', closed_at: T0 + HOUR };
    const district = { ...workshop, phase: 'selesai', closed_at: T0 + 2 * HOUR };
    const merged = mergeRow(table('workshops'), { field, district, base: workshop });
    expect(merged.row['closed_at']).toBe(T0 + HOUR);
    expect(merged.conflicts).toEqual([
      { column: 'closed_at', kept: 'field', districtValue: T0 + 2 * HOUR, fieldValue: T0 + HOUR, rule: 'closed_first' },
    ]);
    const reversed = mergeRow(table('workshops'), { field: district, district: field, base: workshop });
    expect(reversed.row['closed_at']).toBe(T0 + HOUR);
  });

  it('takes a close made only in the field', () => {
    const field = { ...workshop, phase: 'selesai', closed_at: T0 + HOUR };
    expect(mergeRow(table('workshops'), { field, district: workshop, base: workshop })).toEqual({
      row: field,
      conflicts: [],
    });
  });
});

describe('a row the district lacks', () => {
  it('is taken whole, with no conflict', () => {
    const field = { ...position, id: 'pos2', note: 'baru' };
    expect(mergeRow(table('positions'), { field, district: null, base: null })).toEqual({ row: field, conflicts: [] });
  });
});

describe('no base (neither side’s value is known to be old)', () => {
  it('treats every differing column as changed on both sides, and no other', () => {
    const field = { ...position, note: 'lapangan', start_date: '2025-01-07' };
    const district = { ...position, note: 'kabupaten' };
    const merged = mergeRow(table('positions'), { field, district, base: null });
    expect(merged.row).toEqual(district);
    expect(merged.conflicts.map((conflict) => [conflict.column, conflict.rule])).toEqual([
      ['start_date', 'district_record'],
      ['note', 'district_record'],
    ]);
  });
});

describe('attempts.counted (derived, never merged)', () => {
  it('keeps each side’s own counted flag, with no conflict: recountAttempts decides it', () => {
    const attempt: WireRow = { id: 'at1', person_id: 'sumarni', score: 50, counted: 0, submitted_at: T0 };
    const field = { ...attempt, counted: 1 };
    const merged = mergeRow(table('attempts'), { field, district: attempt, base: null });
    expect(merged.row['counted']).toBe(0);
    expect(merged.conflicts).toEqual([]);
  });
});

describe('the field-side call (pushColumns: undefined)', () => {
  it('keeps the laptop’s unsent PIN reset while taking the district’s new name from a pull', () => {
    const local = { ...person, pin_hash: 'pin-field', updated_at: T0 + HOUR };
    const pulled = { ...person, name: 'Sumarni Wati', updated_at: T0 + 2 * HOUR };
    const merged = mergeRow(onField('people'), { field: local, district: pulled, base: person });
    expect(merged.row).toEqual({ ...person, name: 'Sumarni Wati', pin_hash: 'pin-field', updated_at: T0 + 2 * HOUR });
    expect(merged.conflicts).toEqual([]);
  });

  it('reaches the district’s row again once the district has answered a refused name', () => {
    const sent = { ...person, name: 'Bu Sumarni' };
    const atDistrict = mergeRow(table('people'), { field: sent, district: person, base: person });
    expect(atDistrict.conflicts[0]?.rule).toBe('not_allowed');
    // The push answer carries the district's row; the field merges it with the sent row as the base.
    const onLaptop = mergeRow(onField('people'), { field: sent, district: atDistrict.row, base: sent });
    expect(onLaptop).toEqual({ row: person, conflicts: [] });
  });

  it('reaches the same row as the district for a column both changed', () => {
    const field = { ...workshop, phase: 'post_test', notes: 'lapangan' };
    const district = { ...workshop, phase: 'materi', notes: 'kabupaten' };
    const atDistrict = mergeRow(table('workshops'), { field, district, base: workshop });
    const onLaptop = mergeRow(onField('workshops'), { field, district, base: workshop });
    expect(onLaptop.row).toEqual(atDistrict.row);
  });
});

describe('a position ended at the district while the field recorded a capacity assessment', () => {
  it('takes the assessment whole and keeps the district’s end date', () => {
    const assessment: WireRow = {
      id: 'ca1',
      kube_id: 'kubemaju1',
      rubric_slug: 'kapasitas-kube',
      rubric_version: 1,
      assessed_on: '2025-05-10',
      notes: null,
      assessed_by: 'fasil1',
      created_at: T0 + 5 * HOUR,
    };
    const ended = { ...position, end_date: '2025-04-30' };
    expect(mergeRow(table('capacity_assessments'), { field: assessment, district: null, base: null })).toEqual({
      row: assessment,
      conflicts: [],
    });
    // The laptop still shows the position as held: its row equals the base, so nothing of it contests.
    expect(mergeRow(table('positions'), { field: position, district: ended, base: position })).toEqual({
      row: ended,
      conflicts: [],
    });
  });
});
