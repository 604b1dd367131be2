import { and, asc, eq, inArray, sql, type Column, type Table } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { packedRows } from '../../../db/packed.ts';
import { kubeChannels, kubePartnerships, kubeProducts, kubeTurnover } from '../../../db/schema.ts';
import { latestAllowedDate } from '../../lib/dates.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { logCorrection } from '../history/changes.ts';
import type { ChannelInput, PartnershipInput, ProductInput, TurnoverInput } from './schemas.ts';

// Dated facts about a KUBE's business (success indicator 3): how it sells, what it sells, with whom it works,
// and optionally its monthly turnover. A correction changes the record and logs the old value.

function checkPeriod(start: string, end: string | null, today: string, startField: string): void {
  if (start > today) throw new DomainError('facts.errors.future', { field: startField });
  if (end !== null && end < start) throw new DomainError('facts.errors.endBeforeStart', { field: 'endedOn' });
}

function checkPartnership(input: Omit<PartnershipInput, 'kubeId'>, today: string): void {
  checkPeriod(input.since, input.endedOn, today, 'since');
  if (input.status === 'berakhir' && input.endedOn === null)
    throw new DomainError('facts.errors.endedOnNeeded', { field: 'endedOn' });
  if (input.status !== 'berakhir' && input.endedOn !== null)
    throw new DomainError('facts.errors.endedOnOnlyEnded', { field: 'endedOn' });
}

/** The latest day that is not in the future anywhere in Indonesia. */
const todayOf = (now: Date) => latestAllowedDate(now);

export async function addChannel(db: Executor, input: ChannelInput, by: string, now = new Date()) {
  checkPeriod(input.startedOn, input.endedOn, todayOf(now), 'startedOn');
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.insert(kubeChannels).values({ id, ...input, createdBy: by });
  });
  return { id };
}

export async function addProduct(db: Executor, input: ProductInput, by: string, now = new Date()) {
  checkPeriod(input.startedOn, input.endedOn, todayOf(now), 'startedOn');
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.insert(kubeProducts).values({ id, ...input, createdBy: by });
  });
  return { id };
}

export async function addPartnership(db: Executor, input: PartnershipInput, by: string, now = new Date()) {
  checkPartnership(input, todayOf(now));
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.insert(kubePartnerships).values({ id, ...input, createdBy: by });
  });
  return { id };
}

/**
 * Loads the KUBE's record, logs every field that changes (old value, who, when) and writes the new values, in
 * one transaction. `load` finds the record only within its KUBE, so another KUBE's record is "not found".
 */
async function correctRecord(
  db: Executor,
  table: Table,
  load: (tx: Executor) => Promise<{ id: string } | undefined>,
  after: Record<string, unknown>,
  save: (tx: Executor, id: string) => Promise<unknown>,
  by: string,
  now: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    const current = await load(tx);
    if (!current) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    const changed = await logCorrection(tx, { table, recordId: current.id, before: current, after, by }, now);
    await save(tx, current.id);
    return changed;
  });
}

/** Corrects a channel of the KUBE; the old values go to the history. */
export async function correctChannel(
  db: Executor,
  input: ChannelInput & { id: string },
  by: string,
  now = new Date(),
): Promise<number> {
  checkPeriod(input.startedOn, input.endedOn, todayOf(now), 'startedOn');
  const after = { channel: input.channel, detail: input.detail, startedOn: input.startedOn, endedOn: input.endedOn };
  const own = and(eq(kubeChannels.id, input.id), eq(kubeChannels.kubeId, input.kubeId));
  return correctRecord(
    db,
    kubeChannels,
    async (tx) => (await tx.select().from(kubeChannels).where(own))[0],
    after,
    (tx, id) => tx.update(kubeChannels).set(after).where(eq(kubeChannels.id, id)),
    by,
    now,
  );
}

/** Corrects a product of the KUBE; the old values go to the history. */
export async function correctProduct(
  db: Executor,
  input: ProductInput & { id: string },
  by: string,
  now = new Date(),
): Promise<number> {
  checkPeriod(input.startedOn, input.endedOn, todayOf(now), 'startedOn');
  const after = { name: input.name, note: input.note, startedOn: input.startedOn, endedOn: input.endedOn };
  const own = and(eq(kubeProducts.id, input.id), eq(kubeProducts.kubeId, input.kubeId));
  return correctRecord(
    db,
    kubeProducts,
    async (tx) => (await tx.select().from(kubeProducts).where(own))[0],
    after,
    (tx, id) => tx.update(kubeProducts).set(after).where(eq(kubeProducts.id, id)),
    by,
    now,
  );
}

/** Updates or corrects a partnership (e.g. it became active, or ended); the old values go to the history. */
export async function correctPartnership(
  db: Executor,
  input: PartnershipInput & { id: string },
  by: string,
  now = new Date(),
): Promise<number> {
  checkPartnership(input, todayOf(now));
  const after = {
    partner: input.partner,
    type: input.type,
    since: input.since,
    status: input.status,
    endedOn: input.endedOn,
    note: input.note,
  };
  const own = and(eq(kubePartnerships.id, input.id), eq(kubePartnerships.kubeId, input.kubeId));
  return correctRecord(
    db,
    kubePartnerships,
    async (tx) => (await tx.select().from(kubePartnerships).where(own))[0],
    after,
    (tx, id) => tx.update(kubePartnerships).set(after).where(eq(kubePartnerships.id, id)),
    by,
    now,
  );
}

/** A month's turnover has no id of its own: its history is kept under `<kube>/<month>`. */
export const turnoverRecordId = (kubeId: string, month: string) => `${kubeId}/${month}`;

/** Records a month's turnover; a different amount for a month already recorded is a logged correction. */
export async function setTurnover(db: Executor, input: TurnoverInput, by: string, now = new Date()): Promise<void> {
  if (input.month > todayOf(now).slice(0, 7)) throw new DomainError('facts.errors.future', { field: 'month' });
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(kubeTurnover)
      .where(and(eq(kubeTurnover.kubeId, input.kubeId), eq(kubeTurnover.month, input.month)));
    if (current) {
      await logCorrection(
        tx,
        {
          table: kubeTurnover,
          recordId: turnoverRecordId(input.kubeId, input.month),
          before: { amount: current.amount },
          after: { amount: input.amount },
          by,
        },
        now,
      );
    }
    await tx
      .insert(kubeTurnover)
      .values({ ...input, recordedBy: by, recordedAt: now })
      .onConflictDoUpdate({
        target: [kubeTurnover.kubeId, kubeTurnover.month],
        set: { amount: input.amount, recordedBy: by, recordedAt: now },
      });
  });
}

export type KubeFacts = {
  channels: (typeof kubeChannels.$inferSelect)[];
  products: (typeof kubeProducts.$inferSelect)[];
  partnerships: (typeof kubePartnerships.$inferSelect)[];
  turnover: (typeof kubeTurnover.$inferSelect)[];
};

/** What `factsOn` looks at: when each channel, product and partnership began and ended, and a partner's status. */
export type BusinessFacts = {
  channels: Pick<typeof kubeChannels.$inferSelect, 'kubeId' | 'channel' | 'startedOn' | 'endedOn'>[];
  products: Pick<typeof kubeProducts.$inferSelect, 'kubeId' | 'startedOn' | 'endedOn'>[];
  partnerships: Pick<typeof kubePartnerships.$inferSelect, 'kubeId' | 'status' | 'since' | 'endedOn'>[];
};

/** Every fact of some KUBEs (all when undefined), oldest first. */
export async function listFacts(db: Executor, kubeIds?: readonly string[]): Promise<KubeFacts> {
  if (kubeIds?.length === 0) return { channels: [], products: [], partnerships: [], turnover: [] };
  const ids = kubeIds ? [...kubeIds] : undefined;
  // Four independent reads, sent together; never call this inside a transaction (one connection).
  const [channels, products, partnerships, turnover] = await Promise.all([
    db
      .select()
      .from(kubeChannels)
      .where(ids ? inArray(kubeChannels.kubeId, ids) : undefined)
      .orderBy(asc(kubeChannels.startedOn)),
    db
      .select()
      .from(kubeProducts)
      .where(ids ? inArray(kubeProducts.kubeId, ids) : undefined)
      .orderBy(asc(kubeProducts.startedOn)),
    db
      .select()
      .from(kubePartnerships)
      .where(ids ? inArray(kubePartnerships.kubeId, ids) : undefined)
      .orderBy(asc(kubePartnerships.since)),
    db
      .select()
      .from(kubeTurnover)
      .where(ids ? inArray(kubeTurnover.kubeId, ids) : undefined)
      .orderBy(asc(kubeTurnover.month)),
  ]);
  return { channels, products, partnerships, turnover };
}

/**
 * The facts the indicators read, of some KUBEs (all when undefined), in no particular order: not the monthly
 * turnover (a district's year of it is 11,000 rows), and each table as one JSON text of the columns `factsOn`
 * needs (libSQL hands rows over one by one: a district's 4,000 took 90–110 ms).
 */
export async function listBusinessFacts(db: Executor, kubeIds?: readonly string[]): Promise<BusinessFacts> {
  if (kubeIds?.length === 0) return { channels: [], products: [], partnerships: [] };
  const of = (kubeId: Column) => (kubeIds ? sql`where ${inArray(kubeId, [...kubeIds])}` : sql``);
  const c = kubeChannels;
  const p = kubeProducts;
  const s = kubePartnerships;
  type Channel = BusinessFacts['channels'][number];
  type Partnership = BusinessFacts['partnerships'][number];
  const [channels, products, partnerships] = await Promise.all([
    packedRows<[string, Channel['channel'], string, string | null]>(
      db,
      sql`${c.kubeId}, ${c.channel}, ${c.startedOn}, ${c.endedOn}`,
      sql`from ${c} ${of(c.kubeId)}`,
    ),
    packedRows<[string, string, string | null]>(
      db,
      sql`${p.kubeId}, ${p.startedOn}, ${p.endedOn}`,
      sql`from ${p} ${of(p.kubeId)}`,
    ),
    packedRows<[string, Partnership['status'], string, string | null]>(
      db,
      sql`${s.kubeId}, ${s.status}, ${s.since}, ${s.endedOn}`,
      sql`from ${s} ${of(s.kubeId)}`,
    ),
  ]);
  return {
    channels: channels.map(([kubeId, channel, startedOn, endedOn]) => ({ kubeId, channel, startedOn, endedOn })),
    products: products.map(([kubeId, startedOn, endedOn]) => ({ kubeId, startedOn, endedOn })),
    partnerships: partnerships.map(([kubeId, status, since, endedOn]) => ({ kubeId, status, since, endedOn })),
  };
}

/** Active on a day: started on or before it, not ended before it. */
export const activeOn = (day: string, start: string, end: string | null) =>
  start <= day && (end === null || end >= day);

/** What a KUBE had on a day: channels in use, products offered, active partnerships (as the rows were given). */
export function factsOn<Facts extends BusinessFacts>(
  facts: Facts,
  kubeId: string,
  day: string,
): { [List in keyof BusinessFacts]: Facts[List][number][] } {
  return {
    channels: facts.channels.filter((c) => c.kubeId === kubeId && activeOn(day, c.startedOn, c.endedOn)),
    products: facts.products.filter((p) => p.kubeId === kubeId && activeOn(day, p.startedOn, p.endedOn)),
    partnerships: facts.partnerships.filter(
      (p) => p.kubeId === kubeId && p.status === 'aktif' && activeOn(day, p.since, p.endedOn),
    ),
  };
}

/** A list of facts as the KUBE page shows it: current ones first, then ended ones; newest start first in each. */
export function currentFirst<Row>(rows: readonly Row[], ended: (row: Row) => boolean, startedOn: (row: Row) => string) {
  return [...rows].sort((a, b) => Number(ended(a)) - Number(ended(b)) || startedOn(b).localeCompare(startedOn(a)));
}

/** The errors of a refused correction whose record is no longer listed (e.g. a stale page): still to be seen. */
export function orphanedRefusal<Errors>(fix: { id: string; errors: Errors } | null, rows: readonly { id: string }[]) {
  return fix && !rows.some((row) => row.id === fix.id) ? fix.errors : null;
}
