import type { Executor } from '../../../db/client.ts';
import type { Actor } from '../auth/permissions.ts';
import { loadModuleView } from '../assessment/load-module-state.ts';
import {
  listHeldPositions,
  listLessons,
  listModules,
  listModulesFor,
  type ModuleEntry,
} from '../learning/curriculum.ts';
import type { ModuleView } from '../learning/module-state.ts';
import { mayPreviewAll, startHere } from '../learning/rules.ts';

export type HomeModuleCard = { module: ModuleEntry; view: ModuleView };

export type HomeModules = {
  /** The modules meant for the person's role and position, to study. */
  own: HomeModuleCard[];
  /** For staff, every other module, to read while preparing a workshop; empty for learners. */
  preview: HomeModuleCard[];
  /** The module marked "Mulai dari sini", among `own`. */
  beginWith: string | null;
};

/** The learning part of the home page: a facilitator studies the pendamping's module and previews the rest. */
export async function loadHomeModules(db: Executor, actor: Actor): Promise<HomeModules> {
  const ownModules = await listModulesFor(db, actor);
  const ownIds = new Set(ownModules.map((module) => module.id));
  const others = mayPreviewAll(actor.role) ? (await listModules()).filter((module) => !ownIds.has(module.id)) : [];
  const toCard = async (module: ModuleEntry): Promise<HomeModuleCard> => {
    const lessonIds = (await listLessons(module.id)).map((lesson) => lesson.id);
    return { module, view: await loadModuleView(db, actor.id, module.id, lessonIds) };
  };
  const own = await Promise.all(ownModules.map(toCard));
  const preview = await Promise.all(others.map(toCard));
  const beginWith = startHere(
    own.map(({ module, view }) => ({ id: module.id, audience: module.data.audience, finished: view.stage === 'done' })),
    await listHeldPositions(db, actor.id),
  );
  return { own, preview, beginWith };
}
