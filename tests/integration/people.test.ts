import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberships, people, positions, sessions } from '../../db/schema.ts';
import { createSession, validateSessionToken } from '../../src/features/auth/session.ts';
import { countPositionHolders, getPerson, listPeople } from '../../src/features/people/queries.ts';
import {
  createPersonInput,
  resetSecretInput,
  updatePersonInput,
  type UpdatePersonInput,
} from '../../src/features/people/schemas.ts';
import { todayIso } from '../../src/lib/dates.ts';
import { readServerConfig, sessionLifetimeMs } from '../../src/lib/config.ts';
import { createPerson, resetPersonSecret, updatePerson } from '../../src/features/people/service.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

/** The default sign-in lifetime (SESSION_DAYS unset). */
const SESSION_MS = sessionLifetimeMs(readServerConfig({}));

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
});
afterEach(() => {
  t.cleanup();
});

/** What the create form sends for a member of KUBE Maju Bersama 1, before the schema reads it. */
const memberFormInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Sumarni',
  username: 'sumarni',
  role: 'anggota',
  pin: '2468',
  kubeId: 'kubemaju1',
  business: 'warung sate',
  ...overrides,
});

/** The same, as the schema reads it. */
const memberForm = (overrides: Record<string, unknown> = {}) => createPersonInput.parse(memberFormInput(overrides));

/** The edit form filled with what is stored, plus the changes. */
async function editForm(id: string, changes: Partial<UpdatePersonInput> = {}): Promise<UpdatePersonInput> {
  const person = await getPerson(t.db, id);
  if (!person) throw new Error(`no person ${id}`);
  return {
    id,
    name: person.name,
    username: person.username,
    role: person.role,
    sex: person.sex,
    kubeId: person.membership?.kubeId ?? null,
    joinedOn: person.membership?.joinedOn ?? null,
    phone: person.phone,
    business: person.business,
    active: person.active,
    ...changes,
  };
}

const issueKeys = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } | undefined }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe('createPerson()', () => {
  it('stores a member with an argon2id PIN hash, no password, and a membership from today', async () => {
    const { id } = await createPerson(t.db, memberForm());
    const [row] = await t.db.select().from(people).where(eq(people.id, id));
    expect(row?.pinHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.pinHash).not.toContain('2468');
    expect(row?.passwordHash).toBeNull();
    expect(row?.business).toBe('warung sate');
    const joined = await t.db.select().from(memberships).where(eq(memberships.personId, id));
    expect(joined).toEqual([expect.objectContaining({ kubeId: 'kubemaju1', joinedOn: todayIso(), leftOn: null })]);
  });

  it('stores an officer with a password hash only', async () => {
    const { id } = await createPerson(
      t.db,
      memberForm({
        username: 'slamet',
        role: 'pengurus',
        pin: null,
        password: 'Ketua-MajuBersama-1',
        passwordConfirm: 'Ketua-MajuBersama-1',
        joinedOn: '2019-03-01',
      }),
    );
    const [row] = await t.db.select().from(people).where(eq(people.id, id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.pinHash).toBeNull();
    expect((await getPerson(t.db, id))?.membership?.joinedOn).toBe('2019-03-01');
  });

  it('refuses a username that is taken and writes nothing', async () => {
    await createPerson(t.db, memberForm());
    const again = createPerson(t.db, memberForm({ name: 'Sumarni Kedua', username: 'SUMARNI' }));
    await expect(again).rejects.toThrow(DomainError);
    await expect(again).rejects.toMatchObject({ key: 'errors.usernameTaken', field: 'username' });
    expect(await t.db.select().from(people)).toHaveLength(2);
    expect(await t.db.select().from(memberships)).toHaveLength(1);
  });

  it('refuses a KUBE that does not exist and writes nothing', async () => {
    await expect(createPerson(t.db, memberForm({ kubeId: 'nosuchkube' }))).rejects.toMatchObject({
      key: 'errors.choice',
      field: 'kubeId',
    });
    expect(await t.db.select().from(people)).toHaveLength(1);
  });
});

describe('updatePerson()', () => {
  it('moves a person to another KUBE by closing the old membership and opening a new one', async () => {
    const { id } = await createPerson(t.db, memberForm({ joinedOn: '2020-01-15' }));
    await t.db.insert(positions).values({
      id: 'pos00001',
      kubeId: 'kubemaju1',
      personId: id,
      jabatanCode: 'anggota_marketing',
      startDate: '2021-01-01',
    });
    await updatePerson(t.db, await editForm(id, { kubeId: 'kubemaju2' }), 'admin0001');

    const rows = await t.db.select().from(memberships).where(eq(memberships.personId, id));
    const today = todayIso();
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual(
      expect.objectContaining({ kubeId: 'kubemaju1', joinedOn: '2020-01-15', leftOn: today }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ kubeId: 'kubemaju2', joinedOn: today, leftOn: null }));
    const [position] = await t.db.select().from(positions).where(eq(positions.id, 'pos00001'));
    expect(position?.endDate).toBe(today);
    const [listed] = await listPeople(t.db, { kubeId: 'kubemaju2' });
    expect(listed?.kubeName).toBe('Maju Bersama 2');
  });

  it('moves a person who joined "today" in Papua, still yesterday in Jakarta: the old membership ends on the day it began', async () => {
    // Dates may run up to Papua's day (WIT, two hours ahead of Jakarta), while "today" is Jakarta's.
    const tomorrow = new Date(Date.parse(`${todayIso()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const { id } = await createPerson(t.db, memberForm({ joinedOn: '2020-01-15' }));
    await t.db.update(memberships).set({ joinedOn: tomorrow }).where(eq(memberships.personId, id));
    await t.db
      .insert(positions)
      .values({ id: 'pos00002', kubeId: 'kubemaju1', personId: id, jabatanCode: 'ketua', startDate: tomorrow });
    await updatePerson(t.db, await editForm(id, { kubeId: 'kubemaju2' }), 'admin0001');

    const [old] = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, id), eq(memberships.kubeId, 'kubemaju1')));
    expect(old?.leftOn).toBe(tomorrow);
    const [position] = await t.db.select().from(positions).where(eq(positions.id, 'pos00002'));
    expect(position?.endDate).toBe(tomorrow);
  });

  it('lists the positions a person holds today beside the role, and counts every holder', async () => {
    const { id } = await createPerson(t.db, memberForm({ joinedOn: '2020-01-15' }));
    await t.db.insert(positions).values([
      {
        id: 'pos00003',
        kubeId: 'kubemaju1',
        personId: id,
        jabatanCode: 'koordinator_marketing',
        startDate: '2021-01-01',
      },
      {
        id: 'pos00004',
        kubeId: 'kubemaju1',
        personId: id,
        jabatanCode: 'ketua',
        startDate: '2019-01-01',
        endDate: '2020-12-31',
      },
    ]);
    const [row] = (await listPeople(t.db, { kubeId: 'kubemaju1' }, undefined, '2026-06-01')).filter((p) => p.id === id);
    // A division coordinator whose role is "anggota" reads as one; an ended position is not shown.
    expect(row).toMatchObject({ role: 'anggota', positionsToday: 'Koordinator Divisi Marketing' });
    expect(await countPositionHolders(t.db, '2026-06-01')).toBe(1);
    expect(await countPositionHolders(t.db, '2020-06-01')).toBe(1);
    expect(await countPositionHolders(t.db, '2018-06-01')).toBe(0);
  });

  it('makes a move in one transaction: a failure half-way leaves the old membership and name as they were', async () => {
    const { id } = await createPerson(t.db, memberForm());
    // Opening the new membership fails after the person row and the old membership were already written.
    await t.client.execute(
      `CREATE TRIGGER refuse_move BEFORE INSERT ON memberships WHEN NEW.kube_id = 'kubemaju2'
       BEGIN SELECT RAISE(ABORT, 'refused by test'); END`,
    );
    const move = await editForm(id, { kubeId: 'kubemaju2', name: 'Nama Baru' });
    await expect(updatePerson(t.db, move, 'admin0001')).rejects.toThrow('insert into "memberships"');
    const current = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, id), isNull(memberships.leftOn)));
    expect(current).toEqual([expect.objectContaining({ kubeId: 'kubemaju1' })]);
    expect((await getPerson(t.db, id))?.name).toBe('Sumarni');
  });

  it('refuses a username taken by someone else when editing', async () => {
    const { id } = await createPerson(t.db, memberForm());
    await t.db.insert(people).values({ id: 'other0001', name: 'Bakri', username: 'bakri', role: 'anggota' });
    const clash = updatePerson(t.db, await editForm(id, { username: 'bakri' }), 'admin0001');
    await expect(clash).rejects.toMatchObject({ key: 'errors.usernameTaken', field: 'username' });
  });

  it('never deactivates or demotes the last active admin', async () => {
    await t.db
      .insert(people)
      .values({ id: 'admin0002', name: 'Admin Lama', username: 'lama', role: 'admin', active: false });
    const deactivate = updatePerson(t.db, await editForm('admin0001', { active: false }), 'admin0002');
    await expect(deactivate).rejects.toMatchObject({ key: 'people.errors.lastAdmin' });
    const demote = updatePerson(t.db, await editForm('admin0001', { role: 'pendamping' }), 'admin0002');
    await expect(demote).rejects.toMatchObject({ key: 'people.errors.lastAdmin' });
    expect(await getPerson(t.db, 'admin0001')).toMatchObject({ role: 'admin', active: true });
  });

  it('does not let an admin deactivate themselves, even when another admin remains', async () => {
    await t.db.insert(people).values({ id: 'admin0002', name: 'Admin Dua', username: 'admin2', role: 'admin' });
    const self = updatePerson(t.db, await editForm('admin0001', { active: false }), 'admin0001');
    await expect(self).rejects.toMatchObject({ key: 'people.errors.notYourself' });
    await updatePerson(t.db, await editForm('admin0002', { active: false }), 'admin0001');
    expect((await getPerson(t.db, 'admin0002'))?.active).toBe(false);
  });

  it('signs a deactivated person out everywhere', async () => {
    const { id } = await createPerson(t.db, memberForm());
    const { token } = await createSession(t.db, id, null);
    await updatePerson(t.db, await editForm(id, { active: false }), 'admin0001');
    expect(await validateSessionToken(t.db, token, SESSION_MS)).toBeNull();
    expect(await t.db.select().from(sessions).where(eq(sessions.personId, id))).toHaveLength(0);
  });

  it('drops the PIN when a member becomes an officer, so the admin sets a password next', async () => {
    const { id } = await createPerson(t.db, memberForm());
    const result = await updatePerson(t.db, await editForm(id, { role: 'pengurus' }), 'admin0001');
    expect(result.needsSecret).toBe(true);
    expect(await getPerson(t.db, id)).toMatchObject({ role: 'pengurus', hasPin: false, hasPassword: false });
  });
});

describe('resetPersonSecret()', () => {
  it('stores a new PIN and ends every session of that person', async () => {
    const { id } = await createPerson(t.db, memberForm());
    const [before] = await t.db.select().from(people).where(eq(people.id, id));
    const phone = await createSession(t.db, id, 'phone');
    const tablet = await createSession(t.db, id, 'tablet');
    const adminSession = await createSession(t.db, 'admin0001', null);

    await resetPersonSecret(t.db, resetSecretInput.parse({ kind: 'pin', id, pin: '13579' }));

    const [after] = await t.db.select().from(people).where(eq(people.id, id));
    expect(after?.pinHash).toMatch(/^\$argon2id\$/);
    expect(after?.pinHash).not.toBe(before?.pinHash);
    expect(await validateSessionToken(t.db, phone.token, SESSION_MS)).toBeNull();
    expect(await validateSessionToken(t.db, tablet.token, SESSION_MS)).toBeNull();
    expect(await validateSessionToken(t.db, adminSession.token, SESSION_MS)).not.toBeNull();
  });

  it('refuses a password for a member, whose form asks for a PIN', async () => {
    const { id } = await createPerson(t.db, memberForm());
    const input = resetSecretInput.parse({
      kind: 'password',
      id,
      password: 'Sumarni-Warung-Sate',
      passwordConfirm: 'Sumarni-Warung-Sate',
    });
    await expect(resetPersonSecret(t.db, input)).rejects.toMatchObject({ key: 'people.errors.secretKind' });
  });

  it('refuses a new password that contains the username', async () => {
    await t.db.insert(people).values({ id: 'pend00001', name: 'Rina', username: 'rina', role: 'pendamping' });
    const input = resetSecretInput.parse({
      kind: 'password',
      id: 'pend00001',
      password: 'rina-pendamping-24',
      passwordConfirm: 'rina-pendamping-24',
    });
    await expect(resetPersonSecret(t.db, input)).rejects.toMatchObject({
      key: 'errors.passwordHasUsername',
      field: 'password',
    });
  });
});

describe('a person’s sex (jenis kelamin)', () => {
  it('stores L or P as chosen, and an empty choice as not recorded', async () => {
    const { id } = await createPerson(t.db, memberForm({ sex: 'P' }));
    expect((await getPerson(t.db, id))?.sex).toBe('P');
    await updatePerson(t.db, await editForm(id, { sex: 'L' }), 'admin0001');
    expect((await getPerson(t.db, id))?.sex).toBe('L');
    // The "Tidak diisi" choice sends an empty field, which reaches zod as null.
    await updatePerson(
      t.db,
      updatePersonInput.parse({ ...(await editForm(id)), sex: null, active: 'on' }),
      'admin0001',
    );
    expect((await getPerson(t.db, id))?.sex).toBeNull();
    const { id: unsaid } = await createPerson(t.db, memberForm({ username: 'tono' }));
    expect((await getPerson(t.db, unsaid))?.sex).toBeNull();
  });

  it('refuses anything but L or P with a field error, so nothing is stored', () => {
    for (const sex of ['X', 'l', 'laki-laki', ' P', 'LP']) {
      expect(issueKeys(createPersonInput.safeParse(memberFormInput({ sex })))).toEqual({ sex: 'errors.choice' });
      expect(issueKeys(updatePersonInput.safeParse({ ...memberFormInput({ sex }), id: 'abc12345' }))).toEqual({
        sex: 'errors.choice',
      });
    }
  });
});

describe('people form schemas', () => {
  it('names every wrong field at once with a dictionary key', () => {
    const result = createPersonInput.safeParse({
      // An empty form field arrives as null.
      name: null,
      username: 'Budi Santoso',
      role: 'anggota',
      pin: '12ab',
      kubeId: null,
      phone: 'telepon saya',
    });
    expect(issueKeys(result)).toEqual({
      name: 'errors.required',
      username: 'errors.username',
      pin: 'errors.pin',
      kubeId: 'people.errors.kubeRequired',
      phone: 'people.errors.phone',
    });
  });

  it('asks officers for a password that is not common and typed twice the same', () => {
    const common = createPersonInput.safeParse({
      name: 'Sri Utami',
      username: 'sri',
      role: 'pengurus',
      password: 'password123',
      passwordConfirm: 'password124',
      kubeId: 'kubemaju1',
    });
    expect(issueKeys(common)).toEqual({
      password: 'errors.passwordCommon',
      passwordConfirm: 'errors.passwordMismatch',
    });
    const missing = createPersonInput.safeParse({ name: 'Sri Utami', username: 'sri', role: 'pendamping' });
    expect(issueKeys(missing)).toEqual({ password: 'errors.required' });
    const blankName = createPersonInput.safeParse({
      name: '   ',
      username: 'sri',
      role: 'admin',
      password: 'x',
      passwordConfirm: 'x',
    });
    expect(issueKeys(blankName)).toEqual({ name: 'errors.required', password: 'errors.passwordShort' });
  });

  it('asks a member for a PIN and keeps facilitators out of KUBE memberships', () => {
    expect(issueKeys(createPersonInput.safeParse({ name: 'Bakri', username: 'bakri', role: 'anggota' }))).toEqual({
      pin: 'errors.required',
      kubeId: 'people.errors.kubeRequired',
    });
    const facilitator = updatePersonInput.safeParse({
      id: 'pend00001',
      name: 'Rina',
      username: 'rina',
      role: 'pendamping',
      kubeId: 'kubemaju1',
    });
    expect(issueKeys(facilitator)).toEqual({ kubeId: 'people.errors.kubeNotForStaff' });
  });

  it('reads an unticked checkbox as inactive and a ticked one as active', () => {
    const base = { id: 'admin0001', name: 'Admin', username: 'admin', role: 'admin' };
    expect(updatePersonInput.parse({ ...base, active: null }).active).toBe(false);
    expect(updatePersonInput.parse({ ...base, active: 'on' }).active).toBe(true);
  });

  it('refuses a PIN a guesser would try first when an admin sets it, with its own message', () => {
    const member = { name: 'Bakri', username: 'bakri', role: 'anggota', kubeId: 'kubemaju1' };
    for (const pin of ['1234', '0000', '5555', '4321', '123456', '1987']) {
      expect(issueKeys(createPersonInput.safeParse({ ...member, pin }))).toEqual({ pin: 'errors.pinWeak' });
      expect(issueKeys(resetSecretInput.safeParse({ kind: 'pin', id: 'abc12345', pin }))).toEqual({
        pin: 'errors.pinWeak',
      });
    }
  });

  it('refuses a new PIN that is not 4 to 6 digits', () => {
    expect(issueKeys(resetSecretInput.safeParse({ kind: 'pin', id: 'abc12345', pin: '1234567' }))).toEqual({
      pin: 'errors.pin',
    });
  });
});
