import { defineAction, type ActionAPIContext } from 'astro:actions';
import { getEntry } from 'astro:content';
import { z } from 'astro/zod';
import { TEST_KINDS, TEST_PERMISSIONS } from '../../../db/schema.ts';
import { asAction, refusal } from '../../lib/action-errors.ts';
import { DomainError } from '../../lib/errors.ts';
import { db } from '../../lib/db.ts';
import { recordId } from '../../lib/forms.ts';
import { can } from '../auth/permissions.ts';
import { moduleForStudy } from '../learning/curriculum.ts';
import { afterTest, resultUrl } from './paths.ts';
import { findPersonKubeId } from '../auth/actor.ts';
import { saveHeldAnswers } from './held-answers.ts';
import { lessonsDoneBy, loadModuleTest } from './module-test.ts';
import {
  getAttempt,
  grantTestPermission,
  revokeTestPermission,
  saveAnswersTo,
  startAttempt,
  submitAttempt,
} from './service.ts';
import { formatDate, type Translate } from '../../i18n/index.ts';

const attemptId = z.uuid({ error: 'errors.invalid' });
const slug = z.string({ error: 'errors.invalid' }).regex(/^[a-z0-9-]{1,60}$/, 'errors.invalid');
// An option id, or a number as typed ("Rp 1.250.000"): the service knows which the item takes, and reduces a
// number to its digits or refuses it with a sentence; here only its size and printable characters are checked.
const answerValue = z
  .string({ error: 'errors.invalid' })
  .min(1, 'errors.invalid')
  .max(40, 'errors.invalid')
  .regex(/^[^\p{C}]+$/u, 'errors.invalid');
const answer = z.strictObject({
  questionId: slug,
  optionId: answerValue,
  answeredAt: z.iso.datetime({ offset: true, error: 'errors.invalid' }),
});
const answers = z.array(answer).max(200, 'errors.invalid');

/** The signed-in learner, allowed to study the module; refusals are sentences in the reader's language. */
async function requireLearner(context: ActionAPIContext, moduleSlug: string) {
  const { actor, t } = context.locals;
  const module = await moduleForStudy(db, actor, moduleSlug);
  if (module === 'not-found') throw refusal(t, 'NOT_FOUND', 'errors.notFound');
  // A workshop tablet takes only its workshop's tests.
  const elsewhere = context.locals.workshop !== null && context.locals.workshop.moduleSlug !== moduleSlug;
  if (module === 'forbidden' || !actor || elsewhere) throw refusal(t, 'FORBIDDEN', 'errors.forbidden');
  return actor;
}

/** An attempt, or the refusal of an unknown one. */
async function attemptOrRefuse(id: string, t: Translate) {
  const attempt = await getAttempt(db, id);
  if (!attempt) throw refusal(t, 'NOT_FOUND', 'assessment.errors.unknownAttempt');
  return attempt;
}

/** The module of an attempt. */
async function moduleOfAttempt(id: string, t: Translate) {
  return (await attemptOrRefuse(id, t)).moduleSlug;
}

/**
 * The no-JavaScript test form: `attemptId` and one field `jawaban-<question id>` per question (a radio group,
 * or a text box for a numeric item; a box left empty is a question not answered yet).
 */
const plainForm = z.instanceof(FormData).transform((form, ctx) => {
  const id = attemptId.safeParse(form.get('attemptId'));
  if (!id.success) {
    ctx.addIssue({ code: 'custom', message: 'errors.invalid', path: ['attemptId'] });
    return z.NEVER;
  }
  const answeredAt = new Date().toISOString();
  const given = [...form.entries()].flatMap(([name, value]) =>
    name.startsWith('jawaban-') && typeof value === 'string' && value.trim() !== ''
      ? [{ questionId: name.slice('jawaban-'.length), optionId: value, answeredAt }]
      : [],
  );
  const parsed = answers.safeParse(given);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: 'assessment.errors.foreignAnswer', path: ['answers'] });
    return z.NEVER;
  }
  return { attemptId: id.data, answers: parsed.data };
});

export const assessment = {
  /**
   * Starts (or resumes) a pre-test, post-test or retention test; the form carries the attempt id, so a double tap
   * is harmless.
   */
  start: defineAction({
    accept: 'form',
    input: z.object({ attemptId, moduleSlug: slug, kind: z.enum(TEST_KINDS, { error: 'errors.invalid' }) }),
    handler: async (input, context) => {
      const actor = await requireLearner(context, input.moduleSlug);
      const test = await loadModuleTest(input.moduleSlug);
      if (!test) throw refusal(context.locals.t, 'NOT_FOUND', 'errors.notFound');
      const lessonsDone = await lessonsDoneBy(actor.id, input.moduleSlug);
      const { locale, t } = context.locals;
      const start = () =>
        startAttempt(db, { attemptId: input.attemptId, personId: actor.id, kind: input.kind, test, lessonsDone });
      // The day a retention test opens, in the reader's words (the service knows only the day).
      const worded = async () => {
        try {
          return await start();
        } catch (error) {
          const opensOn = error instanceof DomainError ? error.params?.['opensOn'] : undefined;
          if (!(error instanceof DomainError) || typeof opensOn !== 'string' || opensOn === '') throw error;
          throw new DomainError(error.key, { code: error.code, params: { opensOn: formatDate(locale, opensOn) } });
        }
      };
      const attempt = await asAction(worded, t);
      return { attemptId: attempt.id };
    },
  }),

  /** The player's background save: any number of answers, idempotent. */
  saveAnswers: defineAction({
    input: z.strictObject({ attemptId, answers }),
    handler: async (input, context) => {
      // Read once: its module decides access, and the save needs its items.
      const attempt = await attemptOrRefuse(input.attemptId, context.locals.t);
      const actor = await requireLearner(context, attempt.moduleSlug);
      return asAction(
        () => saveAnswersTo(db, attempt, { personId: actor.id, answers: input.answers }),
        context.locals.t,
      );
    },
  }),

  /**
   * A shared tablet's hand-over: answers the device still holds for an attempt of someone who is no longer
   * signed in on it, and their "Kumpulkan" if it never came back. Public; the attempt id is the authority
   * (see `saveHeldAnswers`).
   */
  sendHeld: defineAction({
    input: z
      .strictObject({ attemptId, answers, submit: z.boolean({ error: 'errors.invalid' }).default(false) })
      .refine((held) => held.submit || held.answers.length > 0, { error: 'errors.invalid', path: ['answers'] }),
    handler: async (input, context) => asAction(() => saveHeldAnswers(db, input), context.locals.t),
  }),

  /** The player's submission with every answer it holds; submitting twice returns the same result. */
  submit: defineAction({
    input: z.strictObject({ attemptId, answers }),
    handler: async (input, context) => {
      const actor = await requireLearner(context, await moduleOfAttempt(input.attemptId, context.locals.t));
      const attempt = await asAction(
        () => submitAttempt(db, { attemptId: input.attemptId, personId: actor.id, answers: input.answers }),
        context.locals.t,
      );
      return { resultUrl: resultUrl(attempt.moduleSlug, attempt.id), score: attempt.score };
    },
  }),

  /** The same submission from the plain form used without JavaScript. */
  submitForm: defineAction({
    accept: 'form',
    input: plainForm,
    handler: async (input, context) => {
      const actor = await requireLearner(context, await moduleOfAttempt(input.attemptId, context.locals.t));
      const attempt = await asAction(
        () => submitAttempt(db, { attemptId: input.attemptId, personId: actor.id, answers: input.answers }),
        context.locals.t,
      );
      // On a workshop tablet the next stop is the tablet's result or thank-you screen, which hands it on.
      return { resultUrl: afterTest(context.locals.workshopId, attempt.moduleSlug, attempt.id, attempt.kind) };
    },
  }),

  /** A facilitator (of the person's KUBE) or an admin waives the pre-test, opens the post-test, or allows a retake. */
  grant: defineAction({
    accept: 'form',
    input: z.object({
      personId: recordId(),
      moduleSlug: slug,
      kind: z.enum(TEST_PERMISSIONS, { error: 'errors.choice' }),
      revoke: z.boolean().optional(),
    }),
    handler: async (input, context) => {
      const kubeId = await findPersonKubeId(db, input.personId);
      if (!can(context.locals.actor, 'test.grant', { kubeId })) {
        throw refusal(context.locals.t, 'FORBIDDEN', 'errors.forbidden');
      }
      if (!(await getEntry('modules', input.moduleSlug)))
        throw refusal(context.locals.t, 'NOT_FOUND', 'errors.notFound');
      const grantedBy = context.locals.actor?.id ?? '';
      if (input.revoke) await revokeTestPermission(db, input);
      else await asAction(() => grantTestPermission(db, { ...input, grantedBy }), context.locals.t);
      return { ok: true };
    },
  }),
};
