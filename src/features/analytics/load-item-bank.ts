import { getEntry } from 'astro:content';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, people, type Role } from '../../../db/schema.ts';
import { getModule, listModules, type ModuleEntry } from '../learning/curriculum.ts';
import { runStepsYielding } from '../../lib/yield.ts';
import { itemVersionSteps } from './item-bank.ts';
import { learnerRoles, loadBankAttempts } from './item-bank-query.ts';
import { buildItemBankView, type ItemBankView } from './item-bank-view.ts';

// Loaders of the admin's item bank pages (/admin/soal, /admin/soal/[modul]); the pages check `admin.area`.

/** Every module with how many counted tests (pre and post) of its learners its bank has been used in. */
export async function loadItemBankIndex(db: Executor): Promise<{ module: ModuleEntry; attempts: number }[]> {
  const counts = await db.all<{ slug: string; role: Role; n: number }>(
    sql`select ${attempts.moduleSlug} as slug, ${people.role} as role, count(*) as n
      from ${attempts} join ${people} on ${people.id} = ${attempts.personId}
      where ${attempts.counted} = 1 group by ${attempts.moduleSlug}, ${people.role}`,
  );
  return (await listModules()).map((module) => {
    const roles = learnerRoles(module.data.audience.roles);
    const n = counts.filter((row) => row.slug === module.id && roles.includes(row.role)).reduce((a, r) => a + r.n, 0);
    return { module, attempts: n };
  });
}

/** One module's bank with its statistics; null when there is no such module or bank. */
export async function loadItemBank(
  db: Executor,
  slug: string,
): Promise<{ module: ModuleEntry; view: ItemBankView } | null> {
  const module = await getModule(slug);
  const bank = module ? await getEntry('questions', module.id) : undefined;
  if (!module || !bank) return null;
  const attemptsRead = await loadBankAttempts(db, module.id, { roles: learnerRoles(module.data.audience.roles) });
  // Computed in chunks, so the tablets' saves are answered in between.
  const stats = await runStepsYielding(itemVersionSteps(attemptsRead));
  return { module, view: buildItemBankView(bank.data.questions, attemptsRead, stats) };
}
