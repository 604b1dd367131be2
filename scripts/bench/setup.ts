// The data `npm run bench` measures against: the demo KUBE (its officers, facilitator, tests and indicator
// facts), a workshop for the facilitator's board, and 200 members in ten KUBEs of 20, each signed in with an
// open pre-test (for saving answers) and the lessons of "Memilih dan Mengembangkan Usaha" open to them.
import { eq, inArray } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { attempts, kubes, memberships, people, testPermissions } from '../../db/schema.ts';
import { createSession } from '../../src/features/auth/session.ts';
import { DEMO_KUBE_ID, loadDemo } from '../../src/features/demo/seed.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';

export const LEARNERS = 200;
export const TEST_MODULE = 'hakikat-kube';
export const LESSON_MODULE = 'usaha-produk';

export type Learner = { cookie: string; attemptId: string; questions: { id: string; options: string[] }[] };

const cookieOf = (token: string) => `kube_session=${token}`;

/** Fills the database before the server starts; the learners' attempts are started later, through HTTP. */
export async function seedBench(url: string): Promise<{ cookies: Record<string, string>; workshopId: string }> {
  const { client, db } = await openDatabase({ url });
  try {
    await migrateDatabase(db);
    await loadDemo(db);
    const demo = await db
      .select({ id: people.id, username: people.username })
      .from(people)
      .where(inArray(people.username, ['admin.demo', 'pendamping.demo', 'ketua.demo']));
    const idOf = (username: string) => demo.find((person) => person.username === username)?.id ?? '';
    const cookies: Record<string, string> = {};
    for (const person of demo) cookies[person.username] = cookieOf((await createSession(db, person.id, 'bench')).token);

    await db.transaction(async (tx) => {
      await tx.insert(kubes).values(
        Array.from({ length: LEARNERS / 20 }, (_, k) => ({
          id: `benchkube${k}`,
          name: `KUBE Uji ${k + 1}`,
          desa: 'Singkalanyar',
          kecamatan: 'Prambon',
          kabupaten: 'Nganjuk',
          provinsi: 'Jawa Timur',
        })),
      );
      const ids = Array.from({ length: LEARNERS }, (_, i) => `benchmember${i}`);
      await tx
        .insert(people)
        .values(
          ids.map((id, i) => ({ id, name: `Anggota Uji ${i + 1}`, username: `uji.${i}`, role: 'anggota' as const })),
        );
      await tx
        .insert(memberships)
        .values(
          ids.map((id, i) => ({ id: `${id}m`, kubeId: `benchkube${i % 10}`, personId: id, joinedOn: '2025-01-01' })),
        );
      await tx.insert(testPermissions).values(
        ids.map((personId) => ({
          personId,
          moduleSlug: LESSON_MODULE,
          kind: 'waive_pre' as const,
          grantedAt: new Date(),
        })),
      );
    });
    for (let i = 0; i < LEARNERS; i++) {
      cookies[`uji.${i}`] = cookieOf((await createSession(db, `benchmember${i}`, 'bench')).token);
    }
    const workshop = await createWorkshop(
      db,
      { kubeId: DEMO_KUBE_ID, moduleSlug: LESSON_MODULE, date: '2026-12-01', place: 'Balai desa', notes: null },
      idOf('pendamping.demo'),
    );
    return { cookies, workshopId: workshop.id };
  } finally {
    client.close();
  }
}

/** Starts each learner's pre-test through the server (as the "Mulai" button does) and reads its questions. */
export async function startAttempts(url: string, base: string, cookies: Record<string, string>): Promise<Learner[]> {
  const learners: Learner[] = [];
  const { client, db } = await openDatabase({ url });
  try {
    for (let i = 0; i < LEARNERS; i++) {
      const cookie = cookies[`uji.${i}`] ?? '';
      const attemptId = crypto.randomUUID();
      const response = await fetch(`${base}/belajar/${TEST_MODULE}/tes/pre?_action=assessment.start`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ attemptId, moduleSlug: TEST_MODULE, kind: 'pre' }),
      });
      if (response.status >= 400) throw new Error(`starting a pre-test answered ${response.status}`);
      const [attempt] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
      if (!attempt) throw new Error('the pre-test did not start');
      learners.push({
        cookie,
        attemptId,
        questions: attempt.items.map((item) => ({ id: item.questionId, options: item.optionOrder })),
      });
    }
    return learners;
  } finally {
    client.close();
  }
}
