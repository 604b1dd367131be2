import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, TEST_FORMS } from '../../../db/schema.ts';
import { assignForm, postFormAfterSameDesign } from './rules.ts';
import { retentionForm } from './retention.ts';
import type { ModuleTest } from './service.ts';
import type { FormName, TestKind } from './types.ts';

/**
 * The form of a new attempt: counterbalanced (`assignForm`), except for a post-test after a pre-test taken under
 * the `same` design, before the module had forms (`postFormAfterSameDesign`), and for a retention test, which
 * takes a form not yet seen when there is one (`retentionForm`).
 */
export async function chooseForm(
  tx: Executor,
  personId: string,
  kind: TestKind,
  test: ModuleTest,
): Promise<FormName | null> {
  if (kind === 'retention') {
    if (test.testDesign === 'same') return null;
    const taken = await tx
      .select({ form: attempts.form, items: attempts.items })
      .from(attempts)
      .where(and(eq(attempts.personId, personId), eq(attempts.moduleSlug, test.slug)))
      .orderBy(asc(attempts.startedAt));
    const forms = TEST_FORMS.map((form) => ({
      form,
      questionIds: test.questions.filter((q) => q.form === form).map((q) => q.id),
    })).filter((form) => form.questionIds.length > 0);
    return retentionForm(
      forms,
      taken.map((row) => ({ form: row.form, questionIds: row.items.map((item) => item.questionId) })),
    );
  }
  const form = assignForm(personId, test.slug, kind, test.testDesign);
  if (form === null || kind === 'pre') return form;
  const [pre] = await tx
    .select({ form: attempts.form, items: attempts.items })
    .from(attempts)
    .where(
      and(
        eq(attempts.personId, personId),
        eq(attempts.moduleSlug, test.slug),
        eq(attempts.kind, 'pre'),
        eq(attempts.counted, true),
      ),
    )
    .limit(1);
  if (!pre || pre.form !== null) return form;
  return postFormAfterSameDesign(
    pre.items.map((item) => item.questionId),
    test.questions,
    form,
  );
}
