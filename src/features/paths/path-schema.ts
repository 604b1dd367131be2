import { z } from 'astro/zod';

// A learning path (content/paths/<jabatan>.yaml): the modules a position studies, in the order it studies them.
// The officer's home shows it as "Jalur belajar Anda" and a KUBE's training plan follows it by default.

/** The path of members who hold no position: the file `anggota.yaml`. */
export const MEMBER_PATH = 'anggota';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'use lower-case letters, digits and single dashes' });

export const pathStepSchema = z.strictObject({
  /** The module's slug (content/modules/<slug>.yaml). */
  module: slug,
  /** Why this position studies it, in one short plain sentence shown beside the step. */
  why: z.string().trim().min(1, { error: 'must not be empty' }).max(140, { error: 'at most 140 characters' }),
});

export const learningPathSchema = z
  .strictObject({
    /** A jabatan code (ketua, bendahara, koordinator_marketing, …) or `anggota`; the same as the file name. */
    jabatan: z.string().regex(/^[a-z0-9_]{1,40}$/, { error: 'a jabatan code, e.g. "bendahara"' }),
    /** Two or three plain sentences on what the path is for. */
    summary: z.string().trim().min(1, { error: 'must not be empty' }),
    /** The modules in the order they are studied; each once. */
    steps: z.array(pathStepSchema).min(1, { error: 'a path has at least one module' }),
  })
  .refine((path) => new Set(path.steps.map((step) => step.module)).size === path.steps.length, {
    error: 'a module appears only once in a path',
    path: ['steps'],
  });

export type LearningPath = z.infer<typeof learningPathSchema>;
export type PathStep = z.infer<typeof pathStepSchema>;
