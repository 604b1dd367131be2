import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { jabatan, kubes, memberships, people, positions, ROLES, type Role } from '../../../db/schema.ts';
import { todayIso } from '../../lib/dates.ts';
import { containing } from '../../lib/like.ts';
import { NO_AREA, type AreaChoice } from '../kube/area-choice.ts';
import { areaConditions } from '../kube/areas.ts';

export type PeopleFilter = { role?: Role | null; q?: string | null; kubeId?: string | null; area?: AreaChoice };

/** The membership a person holds today, to join on. */
const currentMembership = and(eq(memberships.personId, people.id), isNull(memberships.leftOn));

function peopleConditions(db: Executor, filter: PeopleFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.role) conditions.push(eq(people.role, filter.role));
  if (filter.kubeId) conditions.push(eq(memberships.kubeId, filter.kubeId));
  // The area of the KUBE a person belongs to today, as the members of that area's KUBEs: the plan starts from
  // `kubes_region_idx` and `memberships_kube_idx` instead of walking every person of the district.
  const area = areaConditions(filter.area ?? NO_AREA);
  if (area.length > 0) {
    conditions.push(
      inArray(
        people.id,
        db
          .select({ id: memberships.personId })
          .from(memberships)
          .innerJoin(kubes, eq(kubes.id, memberships.kubeId))
          .where(and(isNull(memberships.leftOn), ...area)),
      ),
    );
  }
  const q = filter.q?.trim();
  if (q) {
    const pattern = containing(q);
    const match = or(
      sql`${people.name} like ${pattern} escape '\\'`,
      sql`${people.username} like ${pattern} escape '\\'`,
    );
    if (match) conditions.push(match);
  }
  return conditions;
}

/** How many people the admin list holds with this filter. */
export async function countPeople(db: Executor, filter: PeopleFilter = {}): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .leftJoin(memberships, currentMembership)
    .leftJoin(kubes, eq(kubes.id, memberships.kubeId))
    .where(and(...peopleConditions(db, filter)));
  return row?.n ?? 0;
}

/** People for the admin list, with the KUBE each belongs to today, sorted by name; one page when asked. */
export async function listPeople(
  db: Executor,
  filter: PeopleFilter = {},
  page: { offset: number; limit: number } = { offset: 0, limit: -1 },
  today = todayIso(),
) {
  return db
    .select({
      id: people.id,
      name: people.name,
      username: people.username,
      role: people.role,
      active: people.active,
      kubeId: kubes.id,
      kubeName: kubes.name,
      // The positions held today, so a division coordinator whose role is "anggota" reads as one.
      positionsToday: sql<string | null>`(select group_concat(held.name, ', ') from (select ${jabatan.name} as name
        from ${positions} join ${jabatan} on ${jabatan.code} = ${positions.jabatanCode}
        where ${positions.personId} = ${people.id} and ${positions.startDate} <= ${today}
          and (${positions.endDate} is null or ${positions.endDate} >= ${today})
        order by ${jabatan.sortOrder}) as held)`,
    })
    .from(people)
    .leftJoin(memberships, currentMembership)
    .leftJoin(kubes, eq(kubes.id, memberships.kubeId))
    .where(and(...peopleConditions(db, filter)))
    .orderBy(asc(sql`lower(${people.name})`), asc(people.username))
    .limit(page.limit)
    .offset(page.offset);
}

export type PersonListRow = Awaited<ReturnType<typeof listPeople>>[number];

/** One person for the admin page: their facts, KUBE today and positions held today. Never the hashes. */
export async function getPerson(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      username: people.username,
      role: people.role,
      sex: people.sex,
      phone: people.phone,
      business: people.business,
      active: people.active,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`.mapWith(Boolean),
      hasPin: sql<boolean>`${people.pinHash} is not null`.mapWith(Boolean),
      membership: { kubeId: memberships.kubeId, joinedOn: memberships.joinedOn },
      kube: { id: kubes.id, name: kubes.name, desa: kubes.desa },
    })
    .from(people)
    .leftJoin(memberships, currentMembership)
    .leftJoin(kubes, eq(kubes.id, memberships.kubeId))
    .where(eq(people.id, id))
    .limit(1);
  if (!row) return null;
  const held = await db
    .select({
      id: positions.id,
      jabatanName: jabatan.name,
      kubeId: positions.kubeId,
      kubeName: kubes.name,
      startDate: positions.startDate,
    })
    .from(positions)
    .innerJoin(jabatan, eq(jabatan.code, positions.jabatanCode))
    .innerJoin(kubes, eq(kubes.id, positions.kubeId))
    .where(and(eq(positions.personId, id), isNull(positions.endDate)))
    .orderBy(asc(jabatan.sortOrder), asc(positions.startDate));
  return { ...row, positions: held };
}

export type PersonDetail = NonNullable<Awaited<ReturnType<typeof getPerson>>>;

/** Active people per role, every role present (zero when nobody holds it). */
/** Active people holding any position today: core officers and division coordinators and members alike. */
export async function countPositionHolders(db: Executor, today = todayIso()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${positions.personId})` })
    .from(positions)
    .innerJoin(people, eq(people.id, positions.personId))
    .where(
      and(
        eq(people.active, true),
        sql`${positions.startDate} <= ${today}`,
        or(isNull(positions.endDate), sql`${positions.endDate} >= ${today}`),
      ),
    );
  return row?.n ?? 0;
}

export async function countPeopleByRole(db: Executor): Promise<Record<Role, number>> {
  const rows = await db
    .select({ role: people.role, total: count() })
    .from(people)
    .where(eq(people.active, true))
    .groupBy(people.role);
  const counts = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
  for (const row of rows) counts[row.role] = row.total;
  return counts;
}
