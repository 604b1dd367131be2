import { z } from 'astro/zod';

// A practical task (content/tasks/<slug>.yaml, see content/README.md): something an officer does in front of
// the facilitator — fill a cash-book page, lead a musyawarah, write a month's report — scored with a short
// checklist. Scores keep the task's version and the ids of the points done, so ids never change once used.

const stableId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'use lower-case letters, digits and single dashes, e.g. "kb-1"' });

const plainText = z.string().trim().min(1, { error: 'must not be empty' });

export const checklistPointSchema = z.strictObject({
  /** Stable id, unique in the task, e.g. `kb-saldo`; scores refer to it. */
  id: stableId,
  /** What the facilitator looks for, in one plain sentence ("Saldo akhir benar: Rp 1.250.000"). */
  text: plainText,
});

export const practiceTaskSchema = z
  .strictObject({
    /** The task's stable id, same as the file name. */
    slug: stableId,
    /** Raise it whenever a checklist point is added, removed or changes its meaning. */
    version: z.int().min(1),
    title: plainText,
    /** The module whose skill the task shows; its gain sits beside the module's test gain. */
    module: stableId,
    /** Jabatan codes the task is for; empty means every officer. */
    positions: z.array(stableId).default([]),
    durationMinutes: z.int().min(5).max(180),
    /** What the person is asked to do, read out by the facilitator. */
    instructions: plainText,
    /** What the facilitator hands over (e.g. the 8 transactions), in Markdown; optional. */
    materials: z.string().trim().optional(),
    /** Three to eight points, each done or not done. */
    checklist: z.array(checklistPointSchema).min(3).max(8),
  })
  .refine((task) => new Set(task.checklist.map((p) => p.id)).size === task.checklist.length, {
    error: 'checklist ids must be unique',
    path: ['checklist'],
  });

export type PracticeTask = z.output<typeof practiceTaskSchema>;
