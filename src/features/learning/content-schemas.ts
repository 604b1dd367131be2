import { z } from 'astro/zod';
import { ROLES } from '../../../db/schema.ts';

// The curriculum's shape, one factory per collection (content.config.ts wires them to the files).
// Ids are stable: an attempt records them, so a renamed id would orphan past results.

const stableId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'use lower-case letters, digits and single dashes, e.g. "hk-1"' });

const plainText = z.string().trim().min(1, { error: 'must not be empty' });

/** The four tracks of the program's *Rencana kegiatan*. */
export const TRACKS = ['hakikat', 'manajemen', 'divisi', 'usaha'] as const;

export const objectiveSchema = z.strictObject({
  /** Stable id, unique in the module; questions and lessons refer to it. */
  id: stableId,
  /** What the learner can do afterwards, in one plain sentence. */
  text: plainText,
});

/** The program's retention window: 60 to 90 days after the post-test. */
export const DEFAULT_RETENTION_DAYS = { opensAfterDays: 60, dueByDays: 90 } as const;

export const moduleSchema = z
  .strictObject({
    /** The module's URL name and stable id, e.g. `hakikat-kube`. */
    slug: stableId,
    /** Title shown to learners. */
    title: plainText,
    /** Which of the four tracks the module belongs to. */
    track: z.enum(TRACKS),
    /** Who the module is for. */
    audience: z.strictObject({
      /** Roles that see the module on their home page. */
      roles: z.array(z.enum(ROLES)).min(1),
      /** For officers: the positions (jabatan codes) it is meant for; empty means every officer. */
      positions: z.array(stableId).default([]),
    }),
    /** Place in the list of modules (smaller first). */
    order: z.int().min(1),
    /** Rough time to study all lessons, in minutes. */
    durationMinutes: z.int().min(5).max(600),
    /** Learning objectives, each with a stable id. */
    objectives: z.array(objectiveSchema).min(1),
    /** Two or three sentences on what the module is about. */
    summary: plainText,
    /** Pre-test and post-test design: the same items shuffled, or parallel forms A and B. */
    testDesign: z.enum(['same', 'parallel']).default('same'),
    /**
     * The retention test ("tes ulang"): it opens this many days after a person's post-test and is due by the
     * second number. The program checks between 60 and 90 days.
     */
    retention: z
      .strictObject({
        opensAfterDays: z.int().min(14).max(365),
        dueByDays: z.int().min(14).max(365),
      })
      .refine((days) => days.dueByDays >= days.opensAfterDays, {
        error: 'dueByDays must not come before opensAfterDays',
        path: ['dueByDays'],
      })
      .default(DEFAULT_RETENTION_DAYS),
  })
  .refine((module) => new Set(module.objectives.map((o) => o.id)).size === module.objectives.length, {
    error: 'objective ids must be unique',
    path: ['objectives'],
  });

export const lessonSchema = z.strictObject({
  /** Slug of the module the lesson belongs to. */
  module: stableId,
  /** Place in the module (1, 2, 3 …). */
  order: z.int().min(1),
  /** Title shown to learners. */
  title: plainText,
  /** Ids of the module objectives this lesson teaches. */
  objectives: z.array(stableId).min(1),
  /** Rough reading time in minutes. */
  durationMinutes: z.int().min(1).max(120),
  /** A short summary shown at the end of the lesson ("Ringkasan"). */
  summary: plainText,
  /** A practical activity to do in the KUBE ("Kegiatan"). */
  activity: plainText,
});

export const optionSchema = z.strictObject({
  /** Stable option id within the question, e.g. `a`. */
  id: stableId,
  /** The option as the learner reads it. */
  text: plainText,
});

/** What every question has, whatever the learner does to answer it. */
const questionBase = {
  /** Stable id, unique in the bank, e.g. `hk-q01`. */
  id: stableId,
  /** Raise it whenever the text, an option or the answer changes (attempts keep the version they showed). */
  version: z.int().min(1),
  /** Id of the module objective this question measures. */
  objective: stableId,
  /** For modules with parallel forms: the form the item belongs to. */
  form: z.enum(['A', 'B']).optional(),
  /** The question, in one or two short sentences (a numeric item may add a few lines of transactions). */
  text: plainText,
  /** Why the correct answer is right, shown after the post-test. */
  explanation: plainText,
};

/** The largest answer a numeric item may have: 12 digits, what the device and the server accept. */
export const MAX_NUMBER_ANSWER = 999_999_999_999;

/** The usual item: the learner picks one of the options. `type` may be left out. */
export const choiceQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.literal('choice').optional(),
    /** Two to five options. */
    options: z.array(optionSchema).min(2).max(5),
    /** Id of the one correct option. */
    correct: stableId,
  })
  .refine((q) => new Set(q.options.map((o) => o.id)).size === q.options.length, {
    error: 'option ids must be unique',
    path: ['options'],
  })
  .refine((q) => q.options.some((o) => o.id === q.correct), {
    error: 'must be the id of one of the options',
    path: ['correct'],
  });

/** A skill item: the learner types a whole number (rupiah, pieces, months…), scored exactly. No options. */
export const numberQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.literal('number'),
    /** The one right number, a whole number of 0 or more, written without dots: 1250000. */
    answer: z
      .int({ error: 'must be a whole number written with digits only, e.g. 1250000 (no dots, no "Rp")' })
      .min(0, { error: 'must be 0 or more' })
      .max(MAX_NUMBER_ANSWER, { error: 'must have at most 12 digits' }),
    /** Shown beside the answer box: `Rp` before the number, any other unit (`bungkus`, `bulan`) after it. */
    unit: z.string().trim().min(1, { error: 'must not be empty' }).max(12, { error: 'at most 12 letters' }).optional(),
  })
  // YAML reads `answer: 390.000` as 390: a rupiah answer under Rp1.000 is almost surely that slip.
  .refine((q) => q.unit !== 'Rp' || q.answer === 0 || q.answer >= 1000, {
    error: 'a rupiah answer under 1000 is unlikely: write the digits without dots (390000, not 390.000)',
    path: ['answer'],
  });

export const questionSchema = z.discriminatedUnion('type', [choiceQuestionSchema, numberQuestionSchema], {
  error: 'type must be "choice" (or left out) or "number"',
});

export const questionBankSchema = z
  .strictObject({
    /** Slug of the module the bank belongs to. */
    module: stableId,
    /** The questions; at least 12, covering every objective. */
    questions: z.array(questionSchema).min(12, { error: 'a bank needs at least 12 questions' }),
  })
  .refine((bank) => new Set(bank.questions.map((q) => q.id)).size === bank.questions.length, {
    error: 'question ids must be unique',
    path: ['questions'],
  });

export type Module = z.output<typeof moduleSchema>;
export type Lesson = z.output<typeof lessonSchema>;
export type Question = z.output<typeof questionSchema>;
export type ChoiceQuestion = z.output<typeof choiceQuestionSchema>;
export type NumberQuestion = z.output<typeof numberQuestionSchema>;

/** The answer key entry of a question: the correct option id, or the number's canonical digits. */
export function answerKeyOf(question: Question): string {
  return question.type === 'number' ? String(question.answer) : question.correct;
}
export type QuestionBank = z.output<typeof questionBankSchema>;
