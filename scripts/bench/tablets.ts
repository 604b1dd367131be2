// Workshop tablets for the open-loop bench: `count` members in KUBEs of 20, each KUBE in a workshop at its
// pre-test, each member signed in on a tablet of that workshop (a tablet session, as joining with a PIN makes)
// with a pre-test open. The first tablet starts its test through the server, as the "Mulai" button does; the
// others get a copy of that attempt (same items, their own id and person), which is what starting would store.
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { attempts, kubes, memberships, people, workshops } from '../../db/schema.ts';
import { createSession } from '../../src/features/auth/session.ts';
import { generateCode } from '../../src/features/workshop/rules.ts';
import { TEST_MODULE } from './setup.ts';

export type Tablet = { cookie: string; attemptId: string; questions: { id: string; options: string[] }[] };

const PER_KUBE = 20;

export async function seedTablets(url: string, base: string, count: number): Promise<Tablet[]> {
  const { client, db } = await openDatabase({ url });
  try {
    const kubeCount = Math.ceil(count / PER_KUBE);
    const now = new Date();
    const tokens: string[] = [];
    await db.transaction(async (tx) => {
      for (let k = 0; k < kubeCount; k++) {
        await tx.insert(kubes).values({
          id: `tabletkube${k}`,
          name: `KUBE Tablet ${k + 1}`,
          desa: 'Singkalanyar',
          kecamatan: 'Prambon',
          kabupaten: 'Nganjuk',
          provinsi: 'Jawa Timur',
        });
        await tx.insert(workshops).values({
          id: `tabletworkshop${k}`,
          code: generateCode(),
          kubeId: `tabletkube${k}`,
          moduleSlug: TEST_MODULE,
          date: now.toISOString().slice(0, 10),
          place: 'Balai desa',
          phase: 'pre_test',
        });
      }
      for (let start = 0; start < count; start += 500) {
        const ids = Array.from({ length: Math.min(500, count - start) }, (_, i) => start + i);
        await tx.insert(people).values(
          ids.map((i) => ({
            id: `tablet${i}`,
            name: `Anggota Tablet ${i + 1}`,
            username: `tablet.${i}`,
            role: 'anggota' as const,
          })),
        );
        await tx.insert(memberships).values(
          ids.map((i) => ({
            id: `tablet${i}m`,
            kubeId: `tabletkube${Math.floor(i / PER_KUBE)}`,
            personId: `tablet${i}`,
            joinedOn: '2025-01-01',
          })),
        );
        for (const i of ids) {
          const workshopId = `tabletworkshop${Math.floor(i / PER_KUBE)}`;
          tokens[i] = (await createSession(tx, `tablet${i}`, 'bench tablet', now, workshopId)).token;
        }
      }
    });
    const cookieOf = (i: number) => `kube_session=${tokens[i] ?? ''}`;

    const firstId = crypto.randomUUID();
    const response = await fetch(`${base}/belajar/${TEST_MODULE}/tes/pre?_action=assessment.start`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, cookie: cookieOf(0), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ attemptId: firstId, moduleSlug: TEST_MODULE, kind: 'pre' }),
    });
    if (response.status >= 400) throw new Error(`a tablet's pre-test start answered ${response.status}`);
    const [first] = await db.select().from(attempts).where(eq(attempts.id, firstId));
    if (!first) throw new Error("the first tablet's pre-test did not start");
    const ids = Array.from({ length: count }, (_, i) => (i === 0 ? firstId : crypto.randomUUID()));
    for (let start = 1; start < count; start += 500) {
      const chunk = ids.slice(start, Math.min(count, start + 500));
      await db
        .insert(attempts)
        .values(chunk.map((id, j) => ({ ...first, id, personId: `tablet${start + j}`, startedAt: now })));
    }
    const questions = first.items.map((item) => ({ id: item.questionId, options: item.optionOrder }));
    return ids.map((attemptId, i) => ({ cookie: cookieOf(i), attemptId, questions }));
  } finally {
    client.close();
  }
}
