import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { asAction, notFound } from '../../lib/action-errors.ts';
import { reraiseIssues } from '../../lib/issues.ts';
import { db } from '../../lib/db.ts';
import { isoDate, optionalText, recordId } from '../../lib/forms.ts';
import { requireKubeRecorder } from '../kube/recorder.ts';
import { loadRubric, loadRubricVersion, rubricShape } from './rubric.ts';
import { assessmentOwner, correctAssessment, recordAssessment } from './service.ts';

/**
 * The scoring form: `kubeId`, `assessedOn`, `notes` (and `id` when correcting), plus one radio group
 * `skor-<item id>` per rubric item with the value 1–4.
 */
const scoringForm = z.instanceof(FormData).transform((form, ctx) => {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : null;
  };
  const base = z
    .object({
      kubeId: recordId(),
      id: recordId().nullish(),
      assessedOn: isoDate(),
      notes: optionalText(1000, { multiline: true }),
    })
    .safeParse({ kubeId: text('kubeId'), id: text('id'), assessedOn: text('assessedOn'), notes: text('notes') });
  if (!base.success) {
    reraiseIssues(ctx, base.error.issues);
    return z.NEVER;
  }
  const scores: Record<string, number> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith('skor-')) continue;
    const score = typeof value === 'string' && /^[1-4]$/.test(value) ? Number(value) : null;
    if (score === null) {
      ctx.addIssue({ code: 'custom', message: 'capacity.errors.score', path: [name] });
      return z.NEVER;
    }
    scores[name.slice('skor-'.length)] = score;
  }
  return { ...base.data, id: base.data.id ?? null, scores };
});

export const capacity = {
  /** A capacity assessment of a KUBE: every item of the rubric scored 1–4, on a day, with notes. */
  recordAssessment: defineAction({
    accept: 'form',
    input: scoringForm,
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      const rubric = rubricShape(await loadRubric());
      return asAction(
        () =>
          recordAssessment(
            db,
            { kubeId: input.kubeId, assessedOn: input.assessedOn, notes: input.notes, scores: input.scores },
            rubric,
            by,
          ),
        context.locals.t,
      );
    },
  }),

  /** Corrects an assessment's day, notes or scores (never its rubric version); old values stay in the history. */
  correctAssessment: defineAction({
    accept: 'form',
    input: scoringForm,
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      const owner = input.id ? await assessmentOwner(db, input.id) : null;
      if (!input.id || owner?.kubeId !== input.kubeId) throw notFound(context.locals.t);
      const id = input.id;
      // Corrected in the words it was scored with: an old assessment keeps its version and its items.
      const rubric = rubricShape({ data: await loadRubricVersion(owner.rubricVersion) });
      return asAction(
        () =>
          correctAssessment(
            db,
            { id, assessedOn: input.assessedOn, notes: input.notes, scores: input.scores },
            rubric,
            by,
          ),
        context.locals.t,
      );
    },
  }),
};
