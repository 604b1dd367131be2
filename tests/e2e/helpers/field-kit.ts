import type { Browser, Page } from 'playwright-core';
import type { Connection } from '../../../db/client.ts';
import { positions } from '../../../db/schema.ts';
import { addKube, addPerson, type TestPerson } from './people.ts';

// The field kit's end-to-end test around two servers: the district's data, and the figures both servers
// show for the same workshop.

/** The ports of this test's two servers and the link between them (its brief's range: 4520–4529). */
export const FIELD_KIT_PORTS = { district: 4520, field: 4521, link: 4522 } as const;

export const KUBE = 'fkkube0001';
/** A KUBE of another facilitator: the field may never send its records. */
export const OTHER_KUBE = 'fkkube0002';
export const MODULE = 'usaha-produk';
/** Questions in each test of the module. */
export const QUESTIONS = 8;

export type DistrictPeople = {
  admin: TestPerson;
  facilitator: TestPerson;
  /** Three members of KUBE, the first two its officers (ketua, marketing coordinator), as indicator 2 counts. */
  members: [TestPerson, TestPerson, TestPerson];
  otherFacilitator: TestPerson;
  otherMember: TestPerson;
};

/** The district's record of truth: two KUBEs of two facilitators, one with three members with PINs. */
export async function seedDistrict(district: Connection): Promise<DistrictPeople> {
  const admin = await addPerson(district, 'admin', 'fk.admin', 'Admin-Kabupaten-2026');
  await addKube(district, KUBE, 'Maju Lapangan');
  await addKube(district, OTHER_KUBE, 'Sejahtera Seberang');
  const facilitator = await addPerson(district, 'pendamping', 'fk.rina', 'Pendamping-Lapangan-26', KUBE);
  const members: DistrictPeople['members'] = [
    await addPerson(district, 'anggota', 'fk.ani', '1357', KUBE),
    await addPerson(district, 'anggota', 'fk.budi', '2468', KUBE),
    await addPerson(district, 'anggota', 'fk.citra', '3579', KUBE),
  ];
  await district.db.insert(positions).values([
    { id: 'fkpos00001', kubeId: KUBE, personId: members[0].id, jabatanCode: 'ketua', startDate: '2025-01-01' },
    {
      id: 'fkpos00002',
      kubeId: KUBE,
      personId: members[1].id,
      jabatanCode: 'koordinator_marketing',
      startDate: '2025-01-01',
    },
  ]);
  const otherFacilitator = await addPerson(district, 'pendamping', 'fk.dewi', 'Pendamping-Seberang-26', OTHER_KUBE);
  const otherMember = await addPerson(district, 'anggota', 'fk.eko', '8642', OTHER_KUBE);
  return { admin, facilitator, members, otherFacilitator, otherMember };
}

/** The row count of a table on one side. */
export async function countRows(side: Connection, table: string, where = '1 = 1'): Promise<number> {
  const result = await side.client.execute(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  return Number(result.rows[0]?.['n']);
}

/** What both servers must agree on after a push: rows of the workshop's records, by table. */
export async function workshopRowCounts(side: Connection): Promise<Record<string, number>> {
  const tables = ['workshops', 'workshop_attendance', 'attempts', 'attempt_answers', 'capacity_assessments'];
  const counts = await Promise.all(
    tables.map(async (table): Promise<[string, number]> => [table, await countRows(side, table)]),
  );
  return Object.fromEntries(counts);
}

export type Figures = {
  /** The gain report of the KUBE's module: every table's text (people's pre, post, gain and g). */
  report: string[];
  /** Indicator 2's page: every table's text (officers' gain by position, by module, each officer's pair). */
  indicator2: string[];
};

/** The figures a signed-in facilitator's `page` reads on the server at `base`, for the KUBE's module. */
export async function readFigures(page: Page, base: string): Promise<Figures> {
  await page.goto(`${base}/laporan?modul=${MODULE}&kube=${KUBE}`);
  const report = await page.locator('main table').allInnerTexts();
  await page.goto(`${base}/indikator/2`);
  const indicator2 = await page.locator('main table').allInnerTexts();
  return { report, indicator2 };
}

/**
 * Pairs the laptop on its first-run page, as a facilitator does: the district's address (here, the link's), their
 * sign-in and a name for the laptop. `beforeSend` looks at the filled form (a screenshot).
 */
export async function pairOnFirstPage(
  browser: Browser,
  laptop: { fieldUrl: string; districtUrl: string; deviceName: string },
  facilitator: { username: string; secret: string },
  beforeSend: (page: Page) => Promise<void> | void = () => undefined,
): Promise<void> {
  const setup = await (await browser.newContext()).newPage();
  await setup.goto(`${laptop.fieldUrl}/mulai`);
  await setup.getByLabel('Alamat server kabupaten').fill(laptop.districtUrl);
  await setup.getByLabel('Nama pengguna pendamping').fill(facilitator.username);
  await setup.getByLabel('Kata sandi pendamping').fill(facilitator.secret);
  await setup.getByLabel('Nama laptop ini').fill(laptop.deviceName);
  await beforeSend(setup);
  await setup.getByRole('button', { name: 'Hubungkan laptop ini' }).click();
  await setup.waitForURL(/\/masuk\?terhubung=1$/);
  await setup.context().close();
}
