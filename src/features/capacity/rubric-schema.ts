import { z } from 'astro/zod';

// The capacity rubric for success indicator 3 (content/rubrics/<slug>.yaml, see content/README.md).
// Scores store the rubric's slug, its version and each item id, so ids never change once used.

const stableId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'use lower-case letters, digits and single dashes, e.g. "sp-harga"' });

const plainText = z.string().trim().min(1, { error: 'must not be empty' });

/** The scores a facilitator can give an item, lowest first. */
export const SCORES = [1, 2, 3, 4] as const;

/**
 * The six dimensions every rubric has, with their kind: the three of the program's indicator 3 and the three
 * aspects that, according to the source paper, Permensos 2/2019 assesses a KUBE on.
 */
export const REQUIRED_DIMENSIONS = {
  'strategi-pemasaran': 'program',
  'pengembangan-usaha': 'program',
  kemitraan: 'program',
  sosial: 'regulasi',
  kelembagaan: 'regulasi',
  usaha: 'regulasi',
} as const;

export const levelSchema = z.strictObject({
  /** The score this label names, 1 (lowest) to 4. */
  score: z.literal(SCORES),
  /** A short plain label for the score, e.g. `Awal`. */
  label: plainText,
});

export const rubricItemSchema = z.strictObject({
  /** Stable id, unique in the whole rubric, e.g. `sp-harga`; scores refer to it. */
  id: stableId,
  /** What is assessed, in one plain sentence. */
  text: plainText,
  /** What the facilitator looks at or asks for, e.g. "buku kas, laporan bulanan". */
  evidence: plainText,
  /** What can be seen at each score, 1 to 4 in order: exactly four concrete descriptors. */
  levels: z.array(plainText).length(4, { error: 'an item needs exactly 4 level descriptors, one per score 1–4' }),
});

export const rubricDimensionSchema = z.strictObject({
  /** Stable id, one of the six required dimensions, e.g. `kemitraan`. */
  id: stableId,
  /** Title shown to the facilitator and the officers. */
  title: plainText,
  /** `program`: a dimension of the program's indicator 3; `regulasi`: an aspect of the KUBE regulation. */
  kind: z.enum(['program', 'regulasi']),
  /** One or two sentences on what the dimension covers. */
  summary: plainText,
  /** The items scored in this dimension, three to five. */
  items: z
    .array(rubricItemSchema)
    .min(3, { error: 'a dimension needs at least 3 items' })
    .max(5, { error: 'a dimension has at most 5 items' }),
});

export const rubricSchema = z
  .strictObject({
    /** The rubric's stable id, same as the file name, e.g. `kapasitas-kube`. */
    slug: stableId,
    /** Title shown to the facilitator. */
    title: plainText,
    /** Raise it whenever an item changes meaning (assessments keep the version they used). */
    version: z.int().min(1),
    /** For the facilitator: how to score with the officers, looking at evidence and agreeing by musyawarah. */
    intro: plainText,
    /** The four score labels, for scores 1, 2, 3 and 4 in that order. */
    levels: z.array(levelSchema).length(4, { error: 'a rubric needs exactly 4 levels, for scores 1–4' }),
    /** The six dimensions (see REQUIRED_DIMENSIONS), each with its items. */
    dimensions: z.array(rubricDimensionSchema).min(1),
  })
  .superRefine((rubric, ctx) => {
    if (rubric.levels.length === SCORES.length && rubric.levels.some((level, i) => level.score !== SCORES[i])) {
      ctx.addIssue({ code: 'custom', message: 'levels must be scores 1, 2, 3, 4 in that order', path: ['levels'] });
    }
    const dimensionIds = rubric.dimensions.map((d) => d.id);
    if (new Set(dimensionIds).size !== dimensionIds.length) {
      ctx.addIssue({ code: 'custom', message: 'dimension ids must be unique', path: ['dimensions'] });
    }
    for (const [index, id] of dimensionIds.entries()) {
      if (!Object.hasOwn(REQUIRED_DIMENSIONS, id)) {
        const known = Object.keys(REQUIRED_DIMENSIONS).join(', ');
        ctx.addIssue({
          code: 'custom',
          message: `unknown dimension "${id}"; use one of: ${known}`,
          path: ['dimensions', index, 'id'],
        });
      }
    }
    for (const [id, kind] of Object.entries(REQUIRED_DIMENSIONS)) {
      const index = dimensionIds.indexOf(id);
      if (index === -1) {
        ctx.addIssue({ code: 'custom', message: `missing dimension "${id}"`, path: ['dimensions'] });
      } else if (rubric.dimensions[index]?.kind !== kind) {
        ctx.addIssue({
          code: 'custom',
          message: `dimension "${id}" must be kind "${kind}"`,
          path: ['dimensions', index, 'kind'],
        });
      }
    }
    const seen = new Set<string>();
    for (const [d, dimension] of rubric.dimensions.entries()) {
      for (const [i, item] of dimension.items.entries()) {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            message: `item id "${item.id}" is used twice; item ids must be unique in the whole rubric`,
            path: ['dimensions', d, 'items', i, 'id'],
          });
        }
        seen.add(item.id);
      }
    }
  });

export type Rubric = z.output<typeof rubricSchema>;
export type RubricDimension = z.output<typeof rubricDimensionSchema>;
export type RubricItem = z.output<typeof rubricItemSchema>;
