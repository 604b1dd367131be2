import type { Role } from '../../../db/schema.ts';
import type { Message } from '../../lib/errors.ts';
import type { ColumnKey } from './columns.ts';

/** A problem with one cell (or one row when `column` is null), at the row number the spreadsheet shows. */
export type RowIssue = { row: number; column: ColumnKey | null; message: Message };

export type PlannedKube = {
  /** The KUBE's match key: kabupaten, kecamatan, desa and name, case- and space-insensitive. */
  key: string;
  id: string;
  isNew: boolean;
  name: string;
  desa: string;
  kecamatan: string;
  kabupaten: string;
  provinsi: string;
  /** The first row that names it, where its problems are reported. */
  firstRow: number;
};

export type PlannedPerson = {
  row: number;
  id: string;
  isNew: boolean;
  /** An existing person whose sex or phone the row changes. */
  updates: { sex?: 'L' | 'P'; phone?: string };
  name: string;
  username: string;
  role: Extract<Role, 'anggota' | 'pengurus'>;
  sex: 'L' | 'P' | null;
  phone: string | null;
  kubeKey: string;
  kubeId: string;
  newMembership: boolean;
  /** A position to start today; null when the row names none or the person already holds it. */
  newPosition: string | null;
};

export type Count = { created: number; updated: number; skipped: number };

export type ImportPlan = {
  kubes: PlannedKube[];
  people: PlannedPerson[];
  errors: RowIssue[];
  warnings: RowIssue[];
  counts: { kubes: Count; people: Count; memberships: Count; positions: Count };
};
