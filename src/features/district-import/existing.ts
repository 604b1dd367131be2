import { isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { jabatan, kubes, memberships, people, positions, type Role } from '../../../db/schema.ts';

/** What the database already holds that an import is matched against, read in five queries. */
export type Existing = {
  kubes: { id: string; name: string; desa: string; kecamatan: string; kabupaten: string; provinsi: string }[];
  people: { id: string; name: string; username: string; role: Role; sex: 'L' | 'P' | null; phone: string | null }[];
  /** Current memberships (not left). */
  memberships: { personId: string; kubeId: string }[];
  /** Positions held today (no end date). */
  positions: { personId: string; kubeId: string; jabatanCode: string }[];
  jabatan: { code: string; name: string; singleHolder: boolean }[];
};

export async function loadExisting(db: Executor): Promise<Existing> {
  const [kubeRows, personRows, membershipRows, positionRows, jabatanRows] = await Promise.all([
    db
      .select({
        id: kubes.id,
        name: kubes.name,
        desa: kubes.desa,
        kecamatan: kubes.kecamatan,
        kabupaten: kubes.kabupaten,
        provinsi: kubes.provinsi,
      })
      .from(kubes),
    db
      .select({
        id: people.id,
        name: people.name,
        username: people.username,
        role: people.role,
        sex: people.sex,
        phone: people.phone,
      })
      .from(people),
    db
      .select({ personId: memberships.personId, kubeId: memberships.kubeId })
      .from(memberships)
      .where(isNull(memberships.leftOn)),
    db
      .select({ personId: positions.personId, kubeId: positions.kubeId, jabatanCode: positions.jabatanCode })
      .from(positions)
      .where(isNull(positions.endDate)),
    db.select({ code: jabatan.code, name: jabatan.name, singleHolder: jabatan.singleHolder }).from(jabatan),
  ]);
  return {
    kubes: kubeRows,
    people: personRows,
    memberships: membershipRows,
    positions: positionRows,
    jabatan: jabatanRows,
  };
}
