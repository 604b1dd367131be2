import { getEntry, type CollectionEntry } from 'astro:content';
import type { RubricShape } from './service.ts';

// The capacity rubric from content/rubrics, and the shape the services and the indicator arithmetic need.

export const RUBRIC_SLUG = 'kapasitas-kube';

export type RubricEntry = CollectionEntry<'rubrics'>;

export async function loadRubric(): Promise<RubricEntry> {
  const entry = await getEntry('rubrics', RUBRIC_SLUG);
  if (!entry) throw new Error(`content/rubrics/${RUBRIC_SLUG}.yaml is missing`);
  return entry;
}

export function rubricShape(entry: Pick<RubricEntry, 'data'>): RubricShape {
  return {
    slug: entry.data.slug,
    version: entry.data.version,
    dimensions: entry.data.dimensions.map((d) => ({ id: d.id, kind: d.kind, itemIds: d.items.map((i) => i.id) })),
  };
}
