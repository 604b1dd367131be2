import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { facilitatorAssignments, jabatan, kubes, memberships, people, positions } from '../../../db/schema.ts';
import { containing } from '../../lib/like.ts';
import { NO_AREA, type AreaChoice } from './area-choice.ts';
import { areaConditions } from './areas.ts';

// Reads of a KUBE's records. "Now" means an open period (no end date, no date left); "on a date" means
// the period covers that day, both ends included.

/**
 * KUBEs for a select list, by name; `only` narrows them (a facilitator's assigned KUBEs), `area` to a place,
 * `limit` to the first few.
 */
export async function listKubeOptions(db: Executor, only?: readonly string[], area: AreaChoice = NO_AREA, limit = -1) {
  if (only?.length === 0) return [];
  return db
    .select({ id: kubes.id, name: kubes.name, desa: kubes.desa })
    .from(kubes)
    .where(and(only ? inArray(kubes.id, [...only]) : undefined, ...areaConditions(area)))
    .orderBy(asc(kubes.name))
    .limit(limit);
}

export type Jabatan = typeof jabatan.$inferSelect;

/** Every kind of position, core first, in the order the jabatan table gives. */
export async function listJabatan(db: Executor): Promise<Jabatan[]> {
  return db.select().from(jabatan).orderBy(asc(jabatan.sortOrder));
}

/** The divisions in jabatan-table order with the core (`inti`) first; new divisions appear by themselves. */
function divisionsOf(kinds: readonly Jabatan[]): { division: string; isCore: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const kind of kinds) if (!seen.has(kind.division)) seen.set(kind.division, kind.isCore);
  return [...seen]
    .map(([division, isCore]) => ({ division, isCore }))
    .sort((a, b) => Number(b.isCore) - Number(a.isCore));
}

export type KubeSummary = {
  id: string;
  name: string;
  desa: string;
  kecamatan: string;
  kabupaten: string;
  memberCount: number;
  /** Each beyond-core division and whether someone holds a position in it now (success indicator 1). */
  divisions: { division: string; formed: boolean }[];
};

/** The KUBE list's filter: a name search and an area. */
export type KubeFilter = { q?: string; area?: AreaChoice };

function kubeConditions(only: readonly string[] | undefined, filter: KubeFilter): SQL | undefined {
  const q = filter.q?.trim();
  return and(
    only ? inArray(kubes.id, [...only]) : undefined,
    ...areaConditions(filter.area ?? NO_AREA),
    q ? sql`${kubes.name} like ${containing(q)} escape '\\'` : undefined,
  );
}

/** How many KUBEs the list holds; `only` narrows them to a facilitator's, `filter` to a name and an area. */
export async function countKubes(db: Executor, only?: readonly string[], filter: KubeFilter = {}): Promise<number> {
  if (only?.length === 0) return 0;
  const [row] = await db.select({ n: count() }).from(kubes).where(kubeConditions(only, filter));
  return row?.n ?? 0;
}

/** KUBEs by name with their current size and divisions; `only` narrows them to a facilitator's; one page when asked. */
export async function listKubes(
  db: Executor,
  only?: readonly string[],
  page: { offset: number; limit: number } = { offset: 0, limit: -1 },
  filter: KubeFilter = {},
): Promise<KubeSummary[]> {
  if (only?.length === 0) return [];
  const rows = await db
    .select({
      id: kubes.id,
      name: kubes.name,
      desa: kubes.desa,
      kecamatan: kubes.kecamatan,
      kabupaten: kubes.kabupaten,
    })
    .from(kubes)
    .where(kubeConditions(only, filter))
    .orderBy(asc(kubes.name), asc(kubes.id))
    .limit(page.limit)
    .offset(page.offset);
  if (rows.length === 0) return [];
  // Sizes and divisions of the KUBEs listed only (one page of a district's).
  const ids = rows.map((row) => row.id);
  const sizes = await db
    .select({ kubeId: memberships.kubeId, members: count() })
    .from(memberships)
    .where(and(isNull(memberships.leftOn), inArray(memberships.kubeId, ids)))
    .groupBy(memberships.kubeId);
  const held = await db
    .selectDistinct({ kubeId: positions.kubeId, division: jabatan.division })
    .from(positions)
    .innerJoin(jabatan, eq(jabatan.code, positions.jabatanCode))
    .where(and(isNull(positions.endDate), eq(jabatan.isCore, false), inArray(positions.kubeId, ids)));
  const beyondCore = divisionsOf(await listJabatan(db)).filter((group) => !group.isCore);
  const size = new Map(sizes.map((row) => [row.kubeId, row.members]));
  const formed = new Set(held.map((row) => `${row.kubeId}/${row.division}`));
  return rows.map((row) => ({
    ...row,
    memberCount: size.get(row.id) ?? 0,
    divisions: beyondCore.map(({ division }) => ({ division, formed: formed.has(`${row.id}/${division}`) })),
  }));
}

export async function getKube(db: Executor, id: string) {
  const [kube] = await db.select().from(kubes).where(eq(kubes.id, id)).limit(1);
  return kube ?? null;
}

/** The KUBE a position belongs to, so an action can check permission before it changes the position. */
export async function findPositionKubeId(db: Executor, positionId: string): Promise<string | null> {
  const [row] = await db
    .select({ kubeId: positions.kubeId })
    .from(positions)
    .where(eq(positions.id, positionId))
    .limit(1);
  return row?.kubeId ?? null;
}

const positionColumns = {
  positionId: positions.id,
  personId: positions.personId,
  name: people.name,
  jabatanCode: positions.jabatanCode,
  jabatanName: jabatan.name,
  division: jabatan.division,
  startDate: positions.startDate,
  endDate: positions.endDate,
  note: positions.note,
};

/** Current members by name, each with the positions they hold now. */
export async function listMembers(db: Executor, kubeId: string) {
  const members = await db
    .select({ personId: people.id, name: people.name, business: people.business, joinedOn: memberships.joinedOn })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.kubeId, kubeId), isNull(memberships.leftOn)))
    .orderBy(asc(people.name));
  const held = await db
    .select(positionColumns)
    .from(positions)
    .innerJoin(people, eq(people.id, positions.personId))
    .innerJoin(jabatan, eq(jabatan.code, positions.jabatanCode))
    .where(and(eq(positions.kubeId, kubeId), isNull(positions.endDate)))
    .orderBy(asc(jabatan.sortOrder));
  return members.map((member) => ({
    ...member,
    positions: held.filter((position) => position.personId === member.personId),
  }));
}

export type Holder = { positionId: string; personId: string; name: string; startDate: string; endDate: string | null };
export type StructureGroup = {
  division: string;
  isCore: boolean;
  /** Someone held a position of this division on the date. */
  formed: boolean;
  slots: { code: string; name: string; singleHolder: boolean; holders: Holder[] }[];
};

/** Who held which jabatan on `date`, grouped by division: the core first, then the other divisions. */
export async function structureOn(db: Executor, kubeId: string, date: string): Promise<StructureGroup[]> {
  const kinds = await listJabatan(db);
  const held = await db
    .select(positionColumns)
    .from(positions)
    .innerJoin(people, eq(people.id, positions.personId))
    .innerJoin(jabatan, eq(jabatan.code, positions.jabatanCode))
    .where(
      and(
        eq(positions.kubeId, kubeId),
        lte(positions.startDate, date),
        or(isNull(positions.endDate), gte(positions.endDate, date)),
      ),
    )
    .orderBy(asc(positions.startDate), asc(people.name));
  return divisionsOf(kinds).map(({ division, isCore }) => {
    const slots = kinds
      .filter((kind) => kind.division === division)
      .map((kind) => ({
        code: kind.code,
        name: kind.name,
        singleHolder: kind.singleHolder,
        holders: held
          .filter((position) => position.jabatanCode === kind.code)
          .map(({ positionId, personId, name, startDate, endDate }) => ({
            positionId,
            personId,
            name,
            startDate,
            endDate,
          })),
      }));
    return { division, isCore, formed: slots.some((slot) => slot.holders.length > 0), slots };
  });
}

/** Every position the KUBE has had, newest first. */
export async function listPositionHistory(db: Executor, kubeId: string) {
  return db
    .select(positionColumns)
    .from(positions)
    .innerJoin(people, eq(people.id, positions.personId))
    .innerJoin(jabatan, eq(jabatan.code, positions.jabatanCode))
    .where(eq(positions.kubeId, kubeId))
    .orderBy(desc(positions.startDate), desc(positions.createdAt));
}

/** The facilitators assigned to a KUBE, by name. */
export async function listFacilitators(db: Executor, kubeId: string) {
  return db
    .select({ personId: people.id, name: people.name, phone: people.phone, active: people.active })
    .from(facilitatorAssignments)
    .innerJoin(people, eq(people.id, facilitatorAssignments.personId))
    .where(eq(facilitatorAssignments.kubeId, kubeId))
    .orderBy(asc(people.name));
}

/** Everyone who may be assigned to a KUBE: active facilitators, by name. */
export async function listFacilitatorCandidates(db: Executor) {
  return db
    .select({ personId: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.role, 'pendamping'), eq(people.active, true)))
    .orderBy(asc(people.name));
}
