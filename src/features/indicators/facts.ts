import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  kubeChannels,
  kubePartnerships,
  kubeProducts,
  kubeTurnover,
  type MarketingChannel,
  type PartnershipStatus,
  type PartnerType,
} from '../../../db/schema.ts';
import { latestAllowedDate } from '../../lib/dates.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { logCorrection } from './history.ts';

// Dated facts about a KUBE's business (success indicator 3): how it sells, what it sells, with whom it works,
// and optionally its monthly turnover. A correction changes the record and logs the old value.

export type ChannelInput = {
  kubeId: string;
  channel: MarketingChannel;
  detail: string | null;
  startedOn: string;
  endedOn: string | null;
};
export type ProductInput = {
  kubeId: string;
  name: string;
  note: string | null;
  startedOn: string;
  endedOn: string | null;
};
export type PartnershipInput = {
  kubeId: string;
  partner: string;
  type: PartnerType;
  since: string;
  status: PartnershipStatus;
  endedOn: string | null;
  note: string | null;
};

function checkPeriod(start: string, end: string | null, today: string, startField: string): void {
  if (start > today) throw new DomainError('facts.errors.future', startField);
  if (end !== null && end < start) throw new DomainError('facts.errors.endBeforeStart', 'endedOn');
}

function checkPartnership(input: Omit<PartnershipInput, 'kubeId'>, today: string): void {
  checkPeriod(input.since, input.endedOn, today, 'since');
  if (input.status === 'berakhir' && input.endedOn === null)
    throw new DomainError('facts.errors.endedOnNeeded', 'endedOn');
  if (input.status !== 'berakhir' && input.endedOn !== null)
    throw new DomainError('facts.errors.endedOnOnlyEnded', 'endedOn');
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

/** Corrects a channel of the KUBE; the old values go to the history. */
export async function correctChannel(
  db: Executor,
  input: ChannelInput & { id: string },
  by: string,
  now = new Date(),
): Promise<number> {
  checkPeriod(input.startedOn, input.endedOn, todayOf(now), 'startedOn');
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(kubeChannels)
      .where(and(eq(kubeChannels.id, input.id), eq(kubeChannels.kubeId, input.kubeId)));
    if (!current) throw new DomainError('errors.notFound', null, 'NOT_FOUND');
    const after = { channel: input.channel, detail: input.detail, startedOn: input.startedOn, endedOn: input.endedOn };
    const changed = await logCorrection(
      tx,
      { tableName: 'kube_channels', recordId: current.id, before: current, after, by },
      now,
    );
    await tx.update(kubeChannels).set(after).where(eq(kubeChannels.id, current.id));
    return changed;
  });
}

/** Corrects a product of the KUBE; the old values go to the history. */
export async function correctProduct(
  db: Executor,
  input: ProductInput & { id: string },
  by: string,
  now = new Date(),
): Promise<number> {
  checkPeriod(input.startedOn, input.endedOn, todayOf(now), 'startedOn');
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(kubeProducts)
      .where(and(eq(kubeProducts.id, input.id), eq(kubeProducts.kubeId, input.kubeId)));
    if (!current) throw new DomainError('errors.notFound', null, 'NOT_FOUND');
    const after = { name: input.name, note: input.note, startedOn: input.startedOn, endedOn: input.endedOn };
    const changed = await logCorrection(
      tx,
      { tableName: 'kube_products', recordId: current.id, before: current, after, by },
      now,
    );
    await tx.update(kubeProducts).set(after).where(eq(kubeProducts.id, current.id));
    return changed;
  });
}

/** Updates or corrects a partnership (e.g. it became active, or ended); the old values go to the history. */
export async function correctPartnership(
  db: Executor,
  input: PartnershipInput & { id: string },
  by: string,
  now = new Date(),
): Promise<number> {
  checkPartnership(input, todayOf(now));
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(kubePartnerships)
      .where(and(eq(kubePartnerships.id, input.id), eq(kubePartnerships.kubeId, input.kubeId)));
    if (!current) throw new DomainError('errors.notFound', null, 'NOT_FOUND');
    const after = {
      partner: input.partner,
      type: input.type,
      since: input.since,
      status: input.status,
      endedOn: input.endedOn,
      note: input.note,
    };
    const changed = await logCorrection(
      tx,
      { tableName: 'kube_partnerships', recordId: current.id, before: current, after, by },
      now,
    );
    await tx.update(kubePartnerships).set(after).where(eq(kubePartnerships.id, current.id));
    return changed;
  });
}

/** Records a month's turnover; a different amount for a month already recorded is a logged correction. */
export async function setTurnover(
  db: Executor,
  input: { kubeId: string; month: string; amount: number },
  by: string,
  now = new Date(),
): Promise<void> {
  if (input.month > todayOf(now).slice(0, 7)) throw new DomainError('facts.errors.future', 'month');
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(kubeTurnover)
      .where(and(eq(kubeTurnover.kubeId, input.kubeId), eq(kubeTurnover.month, input.month)));
    if (current) {
      await logCorrection(
        tx,
        {
          tableName: 'kube_turnover',
          recordId: `${input.kubeId}/${input.month}`,
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

/** Every fact of some KUBEs (all when undefined), oldest first. */
export async function listFacts(db: Executor, kubeIds?: readonly string[]): Promise<KubeFacts> {
  if (kubeIds?.length === 0) return { channels: [], products: [], partnerships: [], turnover: [] };
  const ids = kubeIds ? [...kubeIds] : undefined;
  return {
    channels: await db
      .select()
      .from(kubeChannels)
      .where(ids ? inArray(kubeChannels.kubeId, ids) : undefined)
      .orderBy(asc(kubeChannels.startedOn)),
    products: await db
      .select()
      .from(kubeProducts)
      .where(ids ? inArray(kubeProducts.kubeId, ids) : undefined)
      .orderBy(asc(kubeProducts.startedOn)),
    partnerships: await db
      .select()
      .from(kubePartnerships)
      .where(ids ? inArray(kubePartnerships.kubeId, ids) : undefined)
      .orderBy(asc(kubePartnerships.since)),
    turnover: await db
      .select()
      .from(kubeTurnover)
      .where(ids ? inArray(kubeTurnover.kubeId, ids) : undefined)
      .orderBy(asc(kubeTurnover.month)),
  };
}

/** Active on a day: started on or before it, not ended before it. */
export const activeOn = (day: string, start: string, end: string | null) =>
  start <= day && (end === null || end >= day);

/** What a KUBE had on a day: channels in use, products offered, active partnerships. */
export function factsOn(facts: KubeFacts, kubeId: string, day: string) {
  return {
    channels: facts.channels.filter((c) => c.kubeId === kubeId && activeOn(day, c.startedOn, c.endedOn)),
    products: facts.products.filter((p) => p.kubeId === kubeId && activeOn(day, p.startedOn, p.endedOn)),
    partnerships: facts.partnerships.filter(
      (p) => p.kubeId === kubeId && p.status === 'aktif' && activeOn(day, p.since, p.endedOn),
    ),
  };
}
