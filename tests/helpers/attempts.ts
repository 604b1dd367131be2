import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { attempts, itemSets } from '../../db/schema.ts';
import { packItemResults } from '../../src/features/assessment/rules.ts';
import type { TestKind } from '../../src/features/assessment/types.ts';

export type SeededAttempt = {
  id: string;
  personId: string;
  moduleSlug: string;
  kind: TestKind;
  /** 1 or 0 per question id; the score is the share right. Null for an attempt not yet submitted. */
  results: Record<string, 0 | 1> | null;
  /** Question id → objective (defaults to 'o1'). */
  objectives?: Record<string, string>;
  submittedAt: Date;
  /** The first submission of its person, module and kind (what submitAttempt marks). */
  counted: boolean;
  form?: 'A' | 'B' | null;
  /** Question id → the version shown (defaults to 1). */
  versions?: Record<string, number>;
};

/** Stores a submitted (or open) attempt the way submitAttempt leaves it, without going through a test. */
export async function seedAttempt(db: Executor, seed: SeededAttempt): Promise<void> {
  const ids = Object.keys(seed.results ?? {});
  const objectiveOf = (id: string) => seed.objectives?.[id] ?? 'o1';
  let itemSetId: number | null = null;
  let itemBits: string | null = null;
  if (seed.results) {
    const packed = packItemResults(seed.results);
    await db
      .insert(itemSets)
      .values({ moduleSlug: seed.moduleSlug, questionIds: packed.questionIds })
      .onConflictDoNothing();
    const [set] = await db
      .select({ id: itemSets.id })
      .from(itemSets)
      .where(and(eq(itemSets.moduleSlug, seed.moduleSlug), eq(itemSets.questionIds, packed.questionIds)));
    itemSetId = set?.id ?? null;
    itemBits = packed.bits;
  }
  const correct = ids.filter((id) => seed.results?.[id] === 1).length;
  await db.insert(attempts).values({
    id: seed.id,
    personId: seed.personId,
    moduleSlug: seed.moduleSlug,
    kind: seed.kind,
    form: seed.form ?? null,
    items: ids.map((questionId) => ({
      questionId,
      version: seed.versions?.[questionId] ?? 1,
      objective: objectiveOf(questionId),
      optionOrder: [],
    })),
    answerKey: {},
    startedAt: new Date(seed.submittedAt.getTime() - 600_000),
    submittedAt: seed.results ? seed.submittedAt : null,
    score: seed.results && ids.length ? Math.round((1000 * correct) / ids.length) / 10 : null,
    correct: seed.results ? correct : null,
    total: ids.length,
    itemSetId,
    itemBits,
    counted: seed.counted,
  });
}
