import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import {
  INDICATOR_TARGETS,
  MARKETING_CHANNELS,
  PARTNER_TYPES,
  PARTNERSHIP_STATUSES,
  type IndicatorTargetKey,
} from '../../../db/schema.ts';
import { db } from '../../lib/db.ts';
import { isWithinYears } from '../../lib/dates.ts';
import {
  asAction,
  isoDate,
  optionalIsoDate,
  optionalText,
  recordId,
  requiredText,
  YEARS_MESSAGE,
} from '../../lib/forms.ts';
import { can } from '../auth/permissions.ts';
import { getKube } from '../kube/queries.ts';
import { assessmentKube, correctAssessment, recordAssessment } from './capacity.ts';
import { setTarget } from './data.ts';
import {
  addChannel,
  addPartnership,
  addProduct,
  correctChannel,
  correctPartnership,
  correctProduct,
  setTurnover,
} from './facts.ts';
import { loadRubric, rubricShape } from './rubric.ts';

const forbidden = () => new ActionError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
const notFound = () => new ActionError({ code: 'NOT_FOUND', message: 'errors.notFound' });

/** The caller may record capacity and facts for this KUBE, which exists. Returns the caller's id. */
async function requireRecorder(kubeId: string, actor: App.Locals['actor']): Promise<string> {
  if (!actor || !can(actor, 'capacity.record', { kubeId })) throw forbidden();
  if (!(await getKube(db, kubeId))) throw notFound();
  return actor.id;
}

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
    for (const issue of base.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
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

const channelInput = {
  kubeId: recordId(),
  channel: z.enum(MARKETING_CHANNELS, { error: 'errors.choice' }),
  detail: optionalText(200),
  startedOn: isoDate(),
  endedOn: optionalIsoDate(),
};
const productInput = {
  kubeId: recordId(),
  name: requiredText(120),
  note: optionalText(300),
  startedOn: isoDate(),
  endedOn: optionalIsoDate(),
};
const partnershipInput = {
  kubeId: recordId(),
  partner: requiredText(160),
  type: z.enum(PARTNER_TYPES, { error: 'errors.choice' }),
  since: isoDate(),
  status: z.enum(PARTNERSHIP_STATUSES, { error: 'errors.choice' }),
  endedOn: optionalIsoDate(),
  note: optionalText(300),
};

/** A number typed the Indonesian way: "1.500.000" or "1500000" rupiah; "0,3" or "80". */
const typedNumber = (error: string) =>
  z
    .string({ error })
    .trim()
    .regex(/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+([.,]\d+)?$/, error)
    .transform((value) =>
      Number((/^\d{1,3}(\.\d{3})+/.test(value) ? value.replaceAll('.', '') : value).replace(',', '.')),
    );

export const indicators = {
  /** A capacity assessment of a KUBE: every item of the rubric scored 1–4, on a day, with notes. */
  recordAssessment: defineAction({
    accept: 'form',
    input: scoringForm,
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      const rubric = rubricShape(await loadRubric());
      return asAction(() =>
        recordAssessment(
          db,
          { kubeId: input.kubeId, assessedOn: input.assessedOn, notes: input.notes, scores: input.scores },
          rubric,
          by,
        ),
      );
    },
  }),

  /** Corrects an assessment's day, notes or scores; the old values are kept in the history. */
  correctAssessment: defineAction({
    accept: 'form',
    input: scoringForm,
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      if (!input.id || (await assessmentKube(db, input.id)) !== input.kubeId) throw notFound();
      const id = input.id;
      const rubric = rubricShape(await loadRubric());
      return asAction(() =>
        correctAssessment(
          db,
          { id, assessedOn: input.assessedOn, notes: input.notes, scores: input.scores },
          rubric,
          by,
        ),
      );
    },
  }),

  addChannel: defineAction({
    accept: 'form',
    input: z.object(channelInput),
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      return asAction(() => addChannel(db, input, by));
    },
  }),

  correctChannel: defineAction({
    accept: 'form',
    input: z.object({ ...channelInput, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      return { changed: await asAction(() => correctChannel(db, input, by)) };
    },
  }),

  addProduct: defineAction({
    accept: 'form',
    input: z.object(productInput),
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      return asAction(() => addProduct(db, input, by));
    },
  }),

  correctProduct: defineAction({
    accept: 'form',
    input: z.object({ ...productInput, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      return { changed: await asAction(() => correctProduct(db, input, by)) };
    },
  }),

  addPartnership: defineAction({
    accept: 'form',
    input: z.object(partnershipInput),
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      return asAction(() => addPartnership(db, input, by));
    },
  }),

  /** Updates a partnership (it became active, it ended) or corrects it; the old values are kept. */
  correctPartnership: defineAction({
    accept: 'form',
    input: z.object({ ...partnershipInput, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      return { changed: await asAction(() => correctPartnership(db, input, by)) };
    },
  }),

  /** A month's turnover (omzet) in rupiah; a new amount for a recorded month is a logged correction. */
  setTurnover: defineAction({
    accept: 'form',
    input: z.object({
      kubeId: recordId(),
      month: z
        .string({ error: 'errors.required' })
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'facts.errors.month')
        .refine(isWithinYears, YEARS_MESSAGE),
      amount: typedNumber('facts.errors.amount').refine(
        (value) => Number.isInteger(value) && value >= 0 && value < 1e13,
        'facts.errors.amount',
      ),
    }),
    handler: async (input, context) => {
      const by = await requireRecorder(input.kubeId, context.locals.actor);
      await asAction(() => setTurnover(db, input, by));
      return { ok: true };
    },
  }),

  /** An indicator's target for a year: a percentage for shares, a g value for the class gain. */
  setTarget: defineAction({
    accept: 'form',
    input: z.object({
      year: z.coerce
        .number({ error: 'errors.invalid' })
        .int('errors.invalid')
        .min(2020, 'errors.invalid')
        .max(2100, 'errors.invalid'),
      key: z.enum(INDICATOR_TARGETS, { error: 'errors.choice' }),
      value: typedNumber('indicators.errors.target'),
    }),
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'indicators.setTarget')) throw forbidden();
      const key: IndicatorTargetKey = input.key;
      const value = key === 'i2_class_gain' ? input.value : input.value / 100;
      await asAction(() => setTarget(db, { year: input.year, key, value }, actor.id));
      return { ok: true };
    },
  }),
};
