import { getEntry, type CollectionEntry } from 'astro:content';
import type { Rubric } from './rubric-schema.ts';
import type { RubricShape } from './service.ts';

// The capacity rubric from content/rubrics, its earlier versions from content/rubric-versions, and the shape
// the services and the indicator arithmetic need.

export const RUBRIC_SLUG = 'kapasitas-kube';

export type RubricEntry = CollectionEntry<'rubrics'>;

export async function loadRubric(): Promise<RubricEntry> {
  const entry = await getEntry('rubrics', RUBRIC_SLUG);
  if (!entry) throw new Error(`content/rubrics/${RUBRIC_SLUG}.yaml is missing`);
  return entry;
}

/**
 * The rubric in the words of one version: the current file, or the archived one for an earlier version. Each
 * assessment stores its version, and tests/unit/rubric-versions.test.ts keeps every earlier one archived.
 */
export async function loadRubricVersion(version: number): Promise<Rubric> {
  const current = (await loadRubric()).data;
  if (current.version === version) return current;
  const archived = await getEntry('rubricVersions', `${RUBRIC_SLUG}/${version}`);
  if (!archived) throw new Error(`content/rubric-versions/${RUBRIC_SLUG}/${version}.yaml is missing`);
  return archived.data;
}

/** The current rubric, and any version's words for the assessments scored with it. */
export type Rubrics = { current: Rubric; of: (version: number) => Promise<Rubric> };

export async function loadRubrics(): Promise<Rubrics> {
  return { current: (await loadRubric()).data, of: loadRubricVersion };
}

/** The words of each version asked for, each loaded once, by version. */
export async function rubricsFor(rubrics: Rubrics, versions: Iterable<number>): Promise<Map<number, Rubric>> {
  const unique = [...new Set(versions)];
  return new Map(await Promise.all(unique.map(async (version) => [version, await rubrics.of(version)] as const)));
}

export function rubricShape(entry: Pick<RubricEntry, 'data'>): RubricShape {
  return {
    slug: entry.data.slug,
    version: entry.data.version,
    dimensions: entry.data.dimensions.map((d) => ({ id: d.id, kind: d.kind, itemIds: d.items.map((i) => i.id) })),
  };
}
