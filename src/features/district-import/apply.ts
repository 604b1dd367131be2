import { eq } from 'drizzle-orm';
import type { Database, Transaction } from '../../../db/client.ts';
import { kubes, memberships, people, positions } from '../../../db/schema.ts';
import { todayIso } from '../../lib/dates.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { secretColumns } from '../people/service.ts';
import type { RawRow } from './columns.ts';
import { loadExisting } from './existing.ts';
import { planImport } from './plan.ts';
import type { ImportPlan, PlannedPerson } from './plan-types.ts';
import { hashSecrets, newSecretFor, type NewSecret } from './secrets.ts';

/** A secret given out once, for the member card; only its hash is stored. */
export type IssuedSecret = NewSecret & { row: number; name: string; username: string; kubeName: string };

export type ImportResult = { plan: ImportPlan; secrets: IssuedSecret[] };

// SQLite allows 32,766 bound values per statement; rows are inserted in chunks well under that.
const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}

async function write(tx: Transaction, plan: ImportPlan, hashes: Map<number, { secret: NewSecret; hash: string }>) {
  const today = todayIso();
  const now = new Date();
  await insertChunked(
    plan.kubes.filter((kube) => kube.isNew),
    (chunk) =>
      tx.insert(kubes).values(
        chunk.map(({ id, name, desa, kecamatan, kabupaten, provinsi }) => ({
          id,
          name,
          desa,
          kecamatan,
          kabupaten,
          provinsi,
        })),
      ),
  );
  const fresh = plan.people.filter((person) => person.isNew);
  await insertChunked(fresh, (chunk) =>
    tx.insert(people).values(
      chunk.map((person) => {
        const issued = hashes.get(person.row);
        if (!issued) throw new Error(`No secret hashed for row ${person.row}`);
        const pin = issued.secret.kind === 'pin';
        return {
          id: person.id,
          name: person.name,
          username: person.username,
          role: person.role,
          sex: person.sex,
          phone: person.phone,
          ...secretColumns(person.role, issued.hash, now),
          mustChangePassword: !pin,
        };
      }),
    ),
  );
  for (const person of plan.people) {
    if (person.isNew || Object.keys(person.updates).length === 0) continue;
    await tx
      .update(people)
      .set({ ...person.updates, updatedAt: now })
      .where(eq(people.id, person.id));
  }
  await insertChunked(
    plan.people.filter((person) => person.newMembership),
    (chunk) =>
      tx
        .insert(memberships)
        .values(chunk.map((person) => ({ id: newId(), kubeId: person.kubeId, personId: person.id, joinedOn: today }))),
  );
  const withPosition = plan.people.filter(
    (person): person is PlannedPerson & { newPosition: string } => person.newPosition !== null,
  );
  await insertChunked(withPosition, (chunk) =>
    tx.insert(positions).values(
      chunk.map((person) => ({
        id: newId(),
        kubeId: person.kubeId,
        personId: person.id,
        jabatanCode: person.newPosition,
        startDate: today,
      })),
    ),
  );
}

/**
 * Imports the rows in one transaction, or nothing when any row has an error (the plan says which). New
 * people's secrets are generated and hashed before the transaction (hashing must not hold the write lock),
 * then the plan is made again inside it: if the database changed meanwhile so that other people would be
 * created, nothing is written and the admin tries again.
 */
export async function applyImport(
  db: Database,
  rows: RawRow[],
  /** Called as secrets are hashed (the long part), for a progress bar: how many of `total` are done. */
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const before = planImport(rows, await loadExisting(db));
  if (before.errors.length > 0) return { plan: before, secrets: [] };
  const kubeNames = new Map(before.kubes.map((kube) => [kube.key, kube.name]));
  const fresh = before.people.filter((person) => person.isNew);
  const secrets = fresh.map((person) => newSecretFor(person.role, person.username));
  const hashed = await hashSecrets(secrets, (done) => onProgress?.(done, secrets.length));
  const byRow = new Map(
    fresh.map((person, i) => [
      person.row,
      { secret: secrets[i] as NewSecret, hash: hashed[i] as string, username: person.username },
    ]),
  );
  const plan = await db.transaction(async (tx) => {
    const again = planImport(rows, await loadExisting(tx));
    const same =
      again.errors.length === 0 &&
      again.people
        .filter((person) => person.isNew)
        .every((person) => byRow.get(person.row)?.username === person.username) &&
      again.counts.people.created === fresh.length;
    if (!same) throw new DomainError('import.errors.changedMeanwhile', { code: 'CONFLICT' });
    await write(tx, again, byRow);
    return again;
  });
  const issued = fresh.map((person) => ({
    ...(byRow.get(person.row)?.secret as NewSecret),
    row: person.row,
    name: person.name,
    username: person.username,
    kubeName: kubeNames.get(person.kubeKey) ?? '',
  }));
  return { plan, secrets: issued };
}
