// The demo's success-indicator records for KUBE "Maju Bersama 1" (see seed.ts): a capacity baseline
// that reflects the program paper's findings — strong social life (monthly meetings, a WhatsApp group,
// musyawarah), a legal SK, a simple structure of three core officers, training only once at founding, little
// digital marketing and few partnerships — and a follow-up after the program; the marketing and empowerment
// divisions formed in between; the core officers' pre-tests and post-tests; sales channels, products and
// partnerships with their dates. Every date is in 2026.
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { parse } from 'yaml';
import type { Executor } from '../../../db/client.ts';
import {
  capacityAssessments,
  capacityScores,
  kubeChannels,
  kubePartnerships,
  kubeProducts,
  positions,
  workshops,
} from '../../../db/schema.ts';
import { startAttempt, submitAttempt, type ModuleTest } from '../assessment/service.ts';
import type { TestKind } from '../assessment/types.ts';
import { answerKeyOf, moduleSchema, questionBankSchema, type Question } from '../learning/content-schemas.ts';
import { seedDemoPractice } from './practice.ts';

const BASELINE: Record<string, number> = {
  'sp-saluran-penjualan': 2,
  'sp-penjualan-digital': 1,
  'sp-harga': 2,
  'sp-promosi': 1,
  'sp-kemudahan-transaksi': 2,
  'pu-mutu-produk': 3,
  'pu-inovasi': 1,
  'pu-varian-produk': 2,
  'pu-rencana-produksi': 1,
  'pu-keterampilan': 1,
  'km-pemasok': 2,
  'km-pembeli-tetap': 2,
  'km-desa': 2,
  'km-dinas-lembaga': 2,
  'km-kesepakatan-tertulis': 1,
  'so-pertemuan-rutin': 4,
  'so-grup-whatsapp': 4,
  'so-musyawarah': 4,
  'so-kesetiakawanan': 3,
  'kl-legalitas': 4,
  'kl-visi-misi': 3,
  'kl-pembagian-tugas': 1,
  'kl-pencatatan': 3,
  'kl-laporan': 3,
  'us-usaha-anggota': 3,
  'us-catatan-usaha': 2,
  'us-kas-simpan-pinjam': 3,
  'us-hasil-usaha': 2,
};
/** After the program: divisions formed, digital sales begun, new variants, the village as a partner. */
const FOLLOW_UP: Record<string, number> = {
  ...BASELINE,
  'sp-saluran-penjualan': 3,
  'sp-penjualan-digital': 2,
  'sp-promosi': 2,
  'pu-inovasi': 2,
  'pu-varian-produk': 3,
  'pu-rencana-produksi': 2,
  'pu-keterampilan': 3,
  'km-desa': 3,
  'km-kesepakatan-tertulis': 2,
  'kl-pembagian-tugas': 3,
  'us-catatan-usaha': 3,
};

/** A module's test as the service needs it, read from the content files (seeds run outside Astro). */
function moduleTest(slug: string): ModuleTest {
  const module = moduleSchema.parse(parse(readFileSync(`content/modules/${slug}.yaml`, 'utf8')));
  const bank = questionBankSchema.parse(parse(readFileSync(`content/questions/${slug}.yaml`, 'utf8')));
  return { slug, testDesign: module.testDesign, questions: bank.questions, retention: module.retention };
}

/**
 * A pre-test or post-test taken through the real path (start, then submit with every answer), with the bank's
 * first `right` questions answered correctly, 20 minutes after it started on `day`.
 */
/** A wrong answer to a question: another option, or the number one more than the key. */
function wrongAnswerOf(question: Question): string {
  if (question.type === 'number') return String(question.answer + 1);
  return question.options.find((option) => option.id !== question.correct)?.id ?? question.correct;
}

async function seedTest(
  tx: Executor,
  input: { id: string; personId: string; moduleSlug: string; kind: TestKind; right: number; day: string },
) {
  const test = moduleTest(input.moduleSlug);
  const at = new Date(`${input.day}T03:00:00Z`);
  const startedAt = new Date(at.getTime() - 20 * 60_000);
  const start = { attemptId: input.id, personId: input.personId, kind: input.kind, test, lessonsDone: true };
  const attempt = await startAttempt(tx, start, startedAt);
  const shown = new Set(attempt.items.map((item) => item.questionId));
  const answers = test.questions
    .filter((question) => shown.has(question.id))
    .map((question, index) => ({
      questionId: question.id,
      optionId: index < input.right ? answerKeyOf(question) : wrongAnswerOf(question),
      answeredAt: at.toISOString(),
    }));
  await submitAttempt(tx, { attemptId: input.id, personId: input.personId, answers }, at);
}

export async function seedDemoIndicators(
  db: Executor,
  ids: {
    kubeId: string;
    facilitator: string;
    ketua: string;
    sekretaris: string;
    bendahara: string;
    marketing: string;
    pemberdayaan: string;
  },
): Promise<boolean> {
  const [already] = await db
    .select({ id: capacityAssessments.id })
    .from(capacityAssessments)
    .where(eq(capacityAssessments.kubeId, ids.kubeId))
    .limit(1);
  if (already) return false;
  await db.transaction(async (tx) => {
    const assessments = [
      {
        id: 'demokapasitas1',
        assessedOn: '2026-02-16',
        scores: BASELINE,
        notes:
          'Penilaian awal bersama ketua, sekretaris dan bendahara (demo). Pertemuan rutin dan grup WhatsApp berjalan baik; pengurus baru tiga orang; pelatihan hanya sekali saat pendirian.',
      },
      {
        id: 'demokapasitas2',
        assessedOn: '2026-10-19',
        scores: FOLLOW_UP,
        notes:
          'Penilaian ulang sesudah program (demo): divisi marketing dan pemberdayaan sudah terbentuk, mulai jual lewat WhatsApp dan titip warung.',
      },
    ];
    for (const a of assessments) {
      await tx.insert(capacityAssessments).values({
        id: a.id,
        kubeId: ids.kubeId,
        rubricSlug: 'kapasitas-kube',
        rubricVersion: 1,
        assessedOn: a.assessedOn,
        notes: a.notes,
        assessedBy: ids.facilitator,
      });
      await tx
        .insert(capacityScores)
        .values(Object.entries(a.scores).map(([itemId, score]) => ({ assessmentId: a.id, itemId, score })));
    }
    await tx.insert(positions).values([
      {
        id: 'demoposmarketing',
        kubeId: ids.kubeId,
        personId: ids.marketing,
        jabatanCode: 'koordinator_marketing',
        startDate: '2026-05-04',
      },
      {
        id: 'demopospemberdayaan',
        kubeId: ids.kubeId,
        personId: ids.pemberdayaan,
        jabatanCode: 'koordinator_pemberdayaan',
        startDate: '2026-06-08',
      },
    ]);
    const tests: [string, string, number, number][] = [
      [ids.ketua, 'manajemen-kube', 6, 12],
      [ids.sekretaris, 'manajemen-kube', 7, 13],
      [ids.bendahara, 'manajemen-kube', 5, 11],
      // keuangan-kube shows 17 items per form (forms A and B, two of them numeric): 5 of 17 is 29.4 %.
      [ids.bendahara, 'keuangan-kube', 5, 17],
      [ids.ketua, 'keuangan-kube', 8, 13],
    ];
    for (const [index, [personId, moduleSlug, pre, post]] of tests.entries()) {
      await seedTest(tx, {
        id: `00000000-0000-4000-8000-d3m0000000${index}1`,
        personId,
        moduleSlug,
        kind: 'pre',
        right: pre,
        day: '2026-04-13',
      });
      await seedTest(tx, {
        id: `00000000-0000-4000-8000-d3m0000000${index}2`,
        personId,
        moduleSlug,
        kind: 'post',
        right: post,
        day: '2026-05-25',
      });
    }
    // Ten weeks after the post-test the core officers take the retention test of manajemen-kube in a workshop:
    // the gain report then shows what lasted. Two learning workshops come before it (the fourth figure).
    const retained: [string, number][] = [
      [ids.ketua, 10],
      [ids.sekretaris, 12],
      [ids.bendahara, 8],
    ];
    for (const [index, [personId, right]] of retained.entries()) {
      await seedTest(tx, {
        id: `00000000-0000-4000-8000-d3m0000001${index}3`,
        personId,
        moduleSlug: 'manajemen-kube',
        kind: 'retention',
        right,
        day: '2026-08-03',
      });
    }
    const held = (id: string, moduleSlug: string, date: string, purpose: 'learning' | 'retention', code: string) => ({
      id,
      kubeId: ids.kubeId,
      moduleSlug,
      date,
      place: 'Balai Desa Singkalanyar',
      code,
      phase: 'selesai' as const,
      purpose,
      createdBy: ids.facilitator,
      closedAt: new Date(`${date}T08:00:00Z`),
    });
    await tx
      .insert(workshops)
      .values([
        held('demoworkshop1', 'manajemen-kube', '2026-04-13', 'learning', 'DEMOA1'),
        held('demoworkshop2', 'keuangan-kube', '2026-05-25', 'learning', 'DEMOA2'),
        held('demoworkshop3', 'manajemen-kube', '2026-08-03', 'retention', 'DEMOA3'),
        held('demoworkshop4', 'divisi-kube', '2026-09-14', 'learning', 'DEMOA4'),
      ]);
    await seedDemoPractice(tx, ids, { pre: '2026-04-13', post: '2026-05-25' });
    const by = ids.facilitator;
    await tx.insert(kubeChannels).values([
      {
        id: 'demosaluran1',
        kubeId: ids.kubeId,
        channel: 'jual_langsung',
        detail: 'Warung sate dan lapak di rumah',
        startedOn: '2019-03-01',
        createdBy: by,
      },
      {
        id: 'demosaluran2',
        kubeId: ids.kubeId,
        channel: 'pesanan',
        detail: 'Pesanan hajatan tetangga',
        startedOn: '2020-01-06',
        createdBy: by,
      },
      {
        id: 'demosaluran3',
        kubeId: ids.kubeId,
        channel: 'whatsapp',
        detail: 'Katalog di status WhatsApp',
        startedOn: '2026-07-06',
        createdBy: by,
      },
      {
        id: 'demosaluran4',
        kubeId: ids.kubeId,
        channel: 'titip_warung',
        detail: 'Kue basah dititip di 3 warung desa',
        startedOn: '2026-08-03',
        createdBy: by,
      },
    ]);
    await tx.insert(kubeProducts).values([
      { id: 'demoproduk1', kubeId: ids.kubeId, name: 'Sate kambing', startedOn: '2019-03-01', createdBy: by },
      { id: 'demoproduk2', kubeId: ids.kubeId, name: 'Bakso', startedOn: '2019-03-01', createdBy: by },
      { id: 'demoproduk3', kubeId: ids.kubeId, name: 'Kue basah', startedOn: '2019-03-01', createdBy: by },
      {
        id: 'demoproduk4',
        kubeId: ids.kubeId,
        name: 'Paket sate hemat untuk hajatan',
        note: 'Varian baru (demo)',
        startedOn: '2026-08-17',
        createdBy: by,
      },
    ]);
    await tx.insert(kubePartnerships).values([
      {
        id: 'demomitra1',
        kubeId: ids.kubeId,
        partner: 'Peternak kambing Desa Singkalanyar (demo)',
        type: 'pemasok',
        since: '2019-03-01',
        status: 'aktif',
        createdBy: by,
      },
      {
        id: 'demomitra2',
        kubeId: ids.kubeId,
        partner: 'Dinas Sosial Kabupaten Nganjuk',
        type: 'dinas',
        since: '2019-03-01',
        status: 'aktif',
        createdBy: by,
      },
      {
        id: 'demomitra3',
        kubeId: ids.kubeId,
        partner: 'BUMDes Singkalanyar (demo)',
        type: 'bumdes',
        since: '2026-09-14',
        status: 'aktif',
        note: 'Titip jual di kios BUMDes',
        createdBy: by,
      },
    ]);
  });
  return true;
}
