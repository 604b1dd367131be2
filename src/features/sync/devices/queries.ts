import { desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Executor } from '../../../../db/client.ts';
import { devices, kubes, people, syncRefusals, type SyncRefusalReason } from '../../../../db/schema.ts';

// Reads of the district's paired field laptops and of what it refused from them. `personId` narrows both to
// one facilitator's own devices (the /perangkat page); without it an admin sees every device.

export type DeviceScope = { personId?: string | undefined };

const revoker = alias(people, 'revoker');

export type DeviceRow = {
  id: string;
  name: string;
  personId: string;
  facilitator: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  /** Whether the district has applied anything the device sent (its pushed_through moved past 0). */
  hasSent: boolean;
  revokedAt: Date | null;
  revokedBy: string | null;
};

/** Paired devices, newest first. */
export async function listDevices(db: Executor, scope: DeviceScope = {}): Promise<DeviceRow[]> {
  const rows = await db
    .select({
      id: devices.id,
      name: devices.name,
      personId: devices.personId,
      facilitator: people.name,
      createdAt: devices.createdAt,
      lastSeenAt: devices.lastSeenAt,
      pushedThrough: devices.pushedThrough,
      revokedAt: devices.revokedAt,
      revokedBy: revoker.name,
    })
    .from(devices)
    .innerJoin(people, eq(people.id, devices.personId))
    .leftJoin(revoker, eq(revoker.id, devices.revokedBy))
    .where(scope.personId === undefined ? undefined : eq(devices.personId, scope.personId))
    .orderBy(desc(devices.createdAt), devices.id);
  return rows.map(({ pushedThrough, ...row }) => ({ ...row, hasSent: pushedThrough > 0 }));
}

/** One device's owner and state, for the permission check of an action. */
export async function findDevice(db: Executor, id: string) {
  const [row] = await db
    .select({ id: devices.id, personId: devices.personId, revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.id, id));
  return row ?? null;
}

export const REFUSALS_SHOWN = 100;

export type RefusalRow = {
  id: string;
  device: string;
  createdAt: Date;
  tableName: string;
  reason: SyncRefusalReason;
  /** The conflict rule that decided (`detail.rule`), when the refusal says so. */
  rule: string | null;
  kube: string | null;
  person: string | null;
};

/** The newest refusals of the devices in scope. */
export async function listRefusals(db: Executor, scope: DeviceScope = {}): Promise<RefusalRow[]> {
  const rows = await db
    .select({
      id: syncRefusals.id,
      device: devices.name,
      createdAt: syncRefusals.createdAt,
      tableName: syncRefusals.tableName,
      reason: syncRefusals.reason,
      detail: syncRefusals.detail,
      row: syncRefusals.row,
    })
    .from(syncRefusals)
    .innerJoin(devices, eq(devices.id, syncRefusals.deviceId))
    .where(scope.personId === undefined ? undefined : eq(devices.personId, scope.personId))
    .orderBy(desc(syncRefusals.createdAt), desc(syncRefusals.id))
    .limit(REFUSALS_SHOWN);
  const about = rows.map((row) => subjectsOf(row.tableName, row.row));
  const [kubeNames, personNames] = await Promise.all([
    namesOf(
      db,
      kubes,
      about.flatMap((a) => (a.kubeId ? [a.kubeId] : [])),
    ),
    namesOf(
      db,
      people,
      about.flatMap((a) => (a.personId ? [a.personId] : [])),
    ),
  ]);
  return rows.map(({ id, device, createdAt, tableName, reason, detail }, i) => ({
    id,
    device,
    createdAt,
    tableName,
    reason,
    rule: typeof detail?.['rule'] === 'string' ? detail['rule'] : null,
    kube: kubeNames.get(about[i]?.kubeId ?? '') ?? null,
    person: personNames.get(about[i]?.personId ?? '') ?? null,
  }));
}

/** The KUBE and the person a refused row was about, read from its wire columns where it has them. */
function subjectsOf(table: string, row: Record<string, unknown> | null): { kubeId?: string; personId?: string } {
  if (!row) return {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const kubeId = table === 'kubes' ? text(row['id']) : text(row['kube_id']);
  const personId = table === 'people' ? text(row['id']) : text(row['person_id']);
  return { ...(kubeId ? { kubeId } : {}), ...(personId ? { personId } : {}) };
}

async function namesOf(db: Executor, table: typeof kubes | typeof people, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(inArray(table.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
