import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  attempts,
  certificates,
  kubes,
  memberships,
  people,
  practiceScores,
  type Certificate,
} from '../../../db/schema.ts';
import { DEFAULT_MASTERY } from '../analytics/compute.ts';
import { listFacilitators } from '../kube/queries.ts';
import { listHeldPositions } from '../learning/curriculum.ts';
import { taskFits } from '../practice/rules.ts';
import { listTasks } from '../practice/tasks.ts';
import { certificateCode } from './code.ts';
import { passOutcome, type PassFacts, type PassOutcome, type PostResult } from './rules.ts';

// Certificates are issued the first time they are shown: a person's home, their path, a facilitator's page of
// them. Every place that shows one calls `ensureCertificates`, so whatever recorded the pass (a test on a phone, a
// workshop tablet, a field server's push, the demo) is covered by one rule. Reading comes first and a write
// happens only when a certificate is missing; the code is worked out, never drawn, so two requests that issue
// the same one at once store one row.

export type PersonStanding = {
  /** Every module with a submitted post-test or a certificate: whether it is passed now, or why not. */
  outcomes: Map<string, PassOutcome>;
  /** The newest certificate of each module (withdrawn ones too). */
  certificates: Map<string, Certificate>;
};

type Person = { id: string; role: (typeof people.$inferSelect)['role'] };

/** What the rule needs of a practical task (content/tasks): its slug, module and the positions it is for. */
export type TaskFit = { slug: string; module: string; positions: readonly string[] };

/** The practical tasks of the curriculum. */
export async function listTaskFits(): Promise<TaskFit[]> {
  return (await listTasks()).map((task) => ({
    slug: task.id,
    module: task.data.module,
    positions: task.data.positions,
  }));
}

/** Everything the rule needs of one person, read in a few queries. */
async function readFacts(db: Executor, person: Person) {
  const [posts, scores, held, issued] = await Promise.all([
    db
      .select({ moduleSlug: attempts.moduleSlug, score: attempts.score, submittedAt: attempts.submittedAt })
      .from(attempts)
      .where(and(eq(attempts.personId, person.id), eq(attempts.kind, 'post'), isNotNull(attempts.submittedAt))),
    db
      .select({
        taskSlug: practiceScores.taskSlug,
        score: practiceScores.score,
        doneOn: practiceScores.doneOn,
        scoredBy: people.name,
      })
      .from(practiceScores)
      .leftJoin(people, eq(people.id, practiceScores.scoredBy))
      .where(and(eq(practiceScores.personId, person.id), eq(practiceScores.kind, 'post'))),
    person.role === 'pengurus' ? listHeldPositions(db, person.id) : Promise.resolve([]),
    listCertificates(db, person.id),
  ]);
  return { posts, scores, held, issued };
}

/**
 * Whether each module is passed by this person, and the certificates that stand for it, issuing missing ones.
 * `tasks` are the curriculum's practical tasks (read from content unless given, as the tests do).
 */
export async function ensureCertificates(
  db: Executor,
  personId: string,
  options: { tasks?: readonly TaskFit[]; mastery?: number } = {},
): Promise<PersonStanding> {
  const mastery = options.mastery ?? DEFAULT_MASTERY;
  const [person] = await db.select({ id: people.id, role: people.role }).from(people).where(eq(people.id, personId));
  const standing: PersonStanding = { outcomes: new Map(), certificates: new Map() };
  if (!person) return standing;
  const [{ posts, scores, held, issued }, tasks] = await Promise.all([
    readFacts(db, person),
    options.tasks ?? listTaskFits(),
  ]);
  for (const certificate of issued) standing.certificates.set(certificate.moduleSlug, certificate);

  const postsByModule = new Map<string, PostResult[]>();
  for (const post of posts) {
    if (post.score === null || !post.submittedAt) continue;
    const list = postsByModule.get(post.moduleSlug) ?? [];
    list.push({ score: post.score, submittedAt: post.submittedAt });
    postsByModule.set(post.moduleSlug, list);
  }
  const missing: { moduleSlug: string; serial: number; earnedOn: string; scoredBy: string | null }[] = [];
  for (const moduleSlug of new Set([...postsByModule.keys(), ...standing.certificates.keys()])) {
    const latest = standing.certificates.get(moduleSlug);
    const facts: PassFacts = {
      posts: postsByModule.get(moduleSlug) ?? [],
      tasks: tasks
        .filter((task) => task.module === moduleSlug && taskFits(task, person.role, held))
        .map((task) => ({ slug: task.slug, post: scores.find((row) => row.taskSlug === task.slug) ?? null })),
      withdrawnAt: latest?.withdrawnAt ?? null,
    };
    const outcome = latest && !latest.withdrawnAt ? standingOf(latest) : passOutcome(facts, mastery);
    standing.outcomes.set(moduleSlug, outcome);
    if (outcome.passed && (!latest || latest.withdrawnAt)) {
      missing.push({ moduleSlug, serial: (latest?.serial ?? 0) + 1, ...outcome });
    }
  }
  if (missing.length === 0) return standing;

  const { kubeName, facilitatorName } = await readKubeAndFacilitator(db, person.id);
  const rows = missing.map((earned) => ({
    id: certificateCode(person.id, earned.moduleSlug, earned.serial),
    personId: person.id,
    moduleSlug: earned.moduleSlug,
    serial: earned.serial,
    earnedOn: earned.earnedOn,
    kubeName,
    facilitatorName: earned.scoredBy ?? facilitatorName,
  }));
  await db.transaction(async (tx) => {
    await tx.insert(certificates).values(rows).onConflictDoNothing();
  });
  // Another request may have stored the same rows first: read back what stands.
  for (const certificate of await listCertificates(db, person.id))
    standing.certificates.set(certificate.moduleSlug, certificate);
  return standing;
}

/** A person's certificates, oldest serial first, so the newest of each module is the last read. */
const listCertificates = (db: Executor, personId: string) =>
  db.select().from(certificates).where(eq(certificates.personId, personId)).orderBy(asc(certificates.serial));

/** A certificate that stands is a pass, whatever was recorded after it (a lower retake does not undo it). */
const standingOf = (certificate: Certificate): PassOutcome => ({
  passed: true,
  earnedOn: certificate.earnedOn,
  scoredBy: certificate.facilitatorName,
});

/** The person's KUBE now and its facilitator (the first by name when several are assigned). */
async function readKubeAndFacilitator(db: Executor, personId: string) {
  const [kube] = await db
    .select({ id: kubes.id, name: kubes.name })
    .from(memberships)
    .innerJoin(kubes, eq(kubes.id, memberships.kubeId))
    .where(and(eq(memberships.personId, personId), isNull(memberships.leftOn)))
    .limit(1);
  if (!kube) return { kubeName: null, facilitatorName: null };
  const [facilitator] = await listFacilitators(db, kube.id);
  return { kubeName: kube.name, facilitatorName: facilitator?.name ?? null };
}
