import type { Rubric } from '../capacity/rubric-schema.ts';
import { loadRubric } from '../capacity/rubric.ts';
import { listModules } from '../learning/curriculum.ts';
import { taskTitles } from '../analytics/skills.ts';

// The curriculum content the indicator pages read beside the database. The loaders take it as an argument
// because `astro:content` answers only inside Astro: integration tests pass the parsed YAML instead.

export type IndicatorContent = {
  /** The capacity rubric (content/rubrics). */
  rubric: () => Promise<Rubric>;
  /** Each module's title by its slug. */
  moduleTitles: () => Promise<Map<string, string>>;
  /** Each practical task's title by its slug (content/tasks). */
  taskTitles: () => Promise<Map<string, string>>;
};

export const siteContent: IndicatorContent = {
  rubric: async () => (await loadRubric()).data,
  moduleTitles: async () => new Map((await listModules()).map((m) => [m.id, m.data.title])),
  taskTitles,
};
