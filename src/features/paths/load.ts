import type { Executor } from '../../../db/client.ts';
import type { Actor } from '../auth/permissions.ts';
import { ensureCertificates } from '../certificates/service.ts';
import { getModule, listHeldPositions, type ModuleEntry } from '../learning/curriculum.ts';
import type { ModuleView } from '../learning/module-state.ts';
import { listPaths, pathOf, type PersonPath } from './paths.ts';
import { pathView, type PathView } from './view.ts';

export type HomePath = PersonPath & { view: PathView; modules: Map<string, ModuleEntry> };

/**
 * "Jalur belajar Anda" on a learner's home: their path with each step's standing. `views` are the home's module
 * cards, read already; a step whose module is not among them is read here.
 */
export async function loadHomePath(
  db: Executor,
  actor: Actor,
  views: ReadonlyMap<string, ModuleView>,
): Promise<HomePath | null> {
  if (actor.role !== 'anggota' && actor.role !== 'pengurus') return null;
  const held = actor.role === 'pengurus' ? await listHeldPositions(db, actor.id) : [];
  const path = pathOf(await listPaths(), actor.role, held);
  if (!path) return null;
  const [standing, modules] = await Promise.all([
    ensureCertificates(db, actor.id),
    Promise.all(path.steps.map((step) => getModule(step.module))),
  ]);
  const found = new Map(modules.flatMap((module) => (module ? [[module.id, module] as const] : [])));
  const steps = path.steps.filter((step) => found.has(step.module));
  return { ...path, steps, view: pathView(steps, views, standing), modules: found };
}
