import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people } from '../../db/schema.ts';
import { findLookAlikesOf, listLookAlikes } from '../../src/features/people/look-alike.ts';
import { createPersonInput } from '../../src/features/people/schemas.ts';
import { createPerson } from '../../src/features/people/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
});
afterEach(() => {
  t.cleanup();
});

const addMember = async (name: string, username: string, kubeId = 'kubemaju1') =>
  (await createPerson(t.db, createPersonInput.parse({ name, username, role: 'anggota', pin: '2468', kubeId }))).id;

describe('names that look alike in one KUBE', () => {
  it('flags a name with a Cyrillic letter that looks like another member’s, naming the other person', async () => {
    const real = await addMember('Sumarni', 'sumarni');
    const copy = await addMember('Sumarnі', 'sumarni2');
    expect(await findLookAlikesOf(t.db, copy, 'kubemaju1')).toEqual([{ id: real, name: 'Sumarni' }]);
    expect(await findLookAlikesOf(t.db, real, 'kubemaju1')).toEqual([{ id: copy, name: 'Sumarnі' }]);
  });

  it('sees through case, accents, spacing and Greek look-alikes', async () => {
    const a = await addMember('Siti Aminah', 'siti');
    const b = await addMember('SΙTΙ  Âminah', 'siti2');
    const c = await addMember('Budi', 'budi');
    const found = await listLookAlikes(t.db);
    expect(found.get(a)?.map((p) => p.id)).toEqual([b]);
    expect(found.has(c)).toBe(false);
  });

  it('does not flag the same name in another KUBE, or a person no longer active', async () => {
    await addMember('Sumarni', 'sumarni');
    const elsewhere = await addMember('Sumarni', 'sumarni.lain', 'kubemaju2');
    expect(await findLookAlikesOf(t.db, elsewhere, 'kubemaju2')).toEqual([]);
    const gone = await addMember('SUMARNI', 'sumarni.lama');
    await t.db.update(people).set({ active: false }).where(eq(people.id, gone));
    expect((await listLookAlikes(t.db)).size).toBe(0);
  });

  it('is stored as NFC, so a name typed with a combining accent is the same text', async () => {
    const id = await addMember('Rene\u0301', 'rene');
    const found = await t.db.query.people.findFirst({ where: (p, { eq }) => eq(p.id, id) });
    expect(found?.name).toBe('Ren\u00e9');
  });
});
