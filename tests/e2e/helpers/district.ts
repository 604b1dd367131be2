import type { Connection } from '../../../db/client.ts';
import { attempts, itemSets, kubes, memberships, people, positions } from '../../../db/schema.ts';

// A large district straight into the server's database: many KUBEs, each with officers holding dated
// positions and members who took a module's pre-test and post-test. For tests of the heaviest requests.

const ITEMS = Array.from({ length: 15 }, (_, i) => `d-q${String(i + 1).padStart(2, '0')}`);
const BATCH = 400;

export type District = { kubes: number; people: number; moduleSlug: string };

/** A deterministic 0/1 string of 15 answers for person `i`, better after (`post`) than before. */
const bitsOf = (i: number, post: boolean) =>
  ITEMS.map((_, q) => ((i * 7 + q * 3) % 10 < (post ? 7 : 4) ? '1' : '0')).join('');

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** `kubeCount` KUBEs of `perKube` members each; the first two of each hold ketua and marketing coordinator. */
export async function seedDistrict({ db }: Connection, kubeCount: number, perKube: number): Promise<District> {
  const moduleSlug = 'modul-distrik';
  const total = kubeCount * perKube;
  const personId = (i: number) => `dp${i}`;
  const kubeOf = (i: number) => `dk${Math.floor(i / perKube)}`;
  await db.transaction(async (tx) => {
    const [set] = await tx
      .insert(itemSets)
      .values({ moduleSlug, questionIds: [...ITEMS].sort().join(',') })
      .returning({ id: itemSets.id });
    const everyone = Array.from({ length: total }, (_, i) => i);
    await inBatches(
      Array.from({ length: kubeCount }, (_, k) => k),
      (batch) =>
        tx.insert(kubes).values(
          batch.map((k) => ({
            id: `dk${k}`,
            name: `KUBE Distrik ${String(k).padStart(5, '0')}`,
            desa: `Desa ${k % 40}`,
            kecamatan: `Kecamatan ${k % 8}`,
            kabupaten: 'Nganjuk',
            provinsi: 'Jawa Timur',
          })),
        ),
    );
    await inBatches(everyone, async (batch) => {
      await tx
        .insert(people)
        .values(
          batch.map((i) => ({ id: personId(i), name: `Warga ${i}`, username: `warga.${i}`, role: 'anggota' as const })),
        );
      await tx
        .insert(memberships)
        .values(batch.map((i) => ({ id: `dm${i}`, kubeId: kubeOf(i), personId: personId(i), joinedOn: '2016-01-01' })));
      const officers = batch.filter((i) => i % perKube < 2);
      if (officers.length > 0) {
        await tx.insert(positions).values(
          officers.map((i) => ({
            id: `dpos${i}`,
            kubeId: kubeOf(i),
            personId: personId(i),
            jabatanCode: i % perKube === 0 ? 'ketua' : 'koordinator_marketing',
            startDate: `${2017 + (i % 9)}-03-01`,
          })),
        );
      }
      await tx.insert(attempts).values(
        batch.flatMap((i) =>
          (['pre', 'post'] as const).map((kind) => {
            const bits = bitsOf(i, kind === 'post');
            const correct = bits.replaceAll('0', '').length;
            const day = Date.UTC(2018 + (i % 8), i % 12, kind === 'pre' ? 2 : 20, 3);
            return {
              id: `da${i}${kind}`,
              personId: personId(i),
              moduleSlug,
              kind,
              items: ITEMS.map((questionId) => ({ questionId, version: 1, objective: 'o1', optionOrder: [] })),
              answerKey: {},
              startedAt: new Date(day - 600_000),
              submittedAt: new Date(day),
              score: Math.round((1000 * correct) / ITEMS.length) / 10,
              correct,
              total: ITEMS.length,
              itemSetId: set?.id ?? null,
              itemBits: bits,
              counted: true,
            };
          }),
        ),
      );
    });
  });
  return { kubes: kubeCount, people: total, moduleSlug };
}
