import type { Message } from '../../lib/errors.ts';
import { getEntry } from 'astro:content';
import type { SelectOption } from '../../lib/select-option.ts';
import type { Executor } from '../../../db/client.ts';
import { visibleKubeIds, type Actor } from '../auth/permissions.ts';
import { getKube, listFacilitators, listJabatan, listKubeOptions } from '../kube/queries.ts';
import { listModules } from '../learning/curriculum.ts';
import type { Workshop } from '../workshop/service.ts';
import { buildReportYielding, DEFAULT_MASTERY, type GainReport } from './compute.ts';
import { loadPairs, type ObjectiveMap } from './pairs.ts';
import { readReportRequest } from './query.ts';
import { signerOf, type Signer } from './signature.ts';
import { loadSkills, moduleTasks } from './skills.ts';
import type { SkillReport, TaskName } from '../practice/report.ts';

// Everything the gain-report page decides before it renders: the filter's choices and values, the report,
// and what the printed page names (the KUBE, the module, the facilitators).

/** The curriculum the report reads beside the database; tests pass it in (`astro:content` answers only inside Astro). */
export type ReportContent = {
  /** Every module's slug and title, in the curriculum's order. */
  modules: () => Promise<{ id: string; title: string }[]>;
  /** One module's question objectives by question id; none for a module without a question bank. */
  objectives: (moduleSlug: string) => Promise<Map<string, string> | undefined>;
  /** One module's practical tasks (content/tasks); none for most modules. */
  tasks: (moduleSlug: string) => Promise<TaskName[]>;
};

export const siteReportContent: ReportContent = {
  modules: async () => (await listModules()).map((m) => ({ id: m.id, title: m.data.title })),
  objectives: async (slug) => {
    const bank = await getEntry('questions', slug);
    return bank ? new Map(bank.data.questions.map((q) => [q.id, q.objective])) : undefined;
  },
  tasks: moduleTasks,
};

export type ReportPage =
  | { status: 403 }
  | { status: 404 }
  | {
      status: 200 | 400;
      /** Message keys (`lib/forms.ts` translateMessage) by field. */
      errors: Record<string, Message>;
      /** The filters as typed; the mastery score shows its default when none was typed. */
      values: Record<'modul' | 'kube' | 'jabatan' | 'jk' | 'dari' | 'sampai', string | null> & { ketuntasan: string };
      options: { modules: SelectOption[]; kubes: SelectOption[]; jabatan: SelectOption[] };
      report: GainReport | null;
      /** The practical tasks' part, beside the knowledge report; null without a module or without tasks. */
      skills: SkillReport | null;
      workshop: Workshop | null;
      /** The KUBE reported on (chosen, or the workshop's), and the facilitators the printed page names. */
      kubeName: string | null;
      facilitatorNames: string;
      /** Who signs the printed report, and where. */
      signer: Signer;
      /** The period as chosen, YYYY-MM-DD, for the printed page. */
      period: { from: string | null; to: string | null };
      module: { id: string; title: string } | null;
    };

/** The report page for one person and the filters in the address (`?modul&kube&workshop&jabatan&jk&dari&sampai&ketuntasan`). */
export async function loadReportPage(
  db: Executor,
  actor: Actor,
  person: { name: string },
  params: URLSearchParams,
  content: ReportContent = siteReportContent,
): Promise<ReportPage> {
  const request = await readReportRequest(db, actor, params);
  if (!request.ok && request.status === 403) return { status: 403 };
  if (!request.ok && request.status === 404) return { status: 404 };
  const workshop = request.ok ? request.workshop : null;
  const moduleSlug = request.ok ? request.scope.moduleSlug : undefined;
  const kubeId = workshop?.kubeId ?? (request.ok ? request.query.kube : undefined);
  // The choices, the report and the printed page's names are independent reads: they run together.
  const [modules, kubes, jabatan, report, kube, facilitators, skills] = await Promise.all([
    content.modules(),
    listKubeOptions(db, visibleKubeIds(actor)),
    listJabatan(db),
    request.ok ? loadReport(db, request.scope, request.query.ketuntasan, moduleSlug, content) : null,
    kubeId ? getKube(db, kubeId) : null,
    kubeId ? listFacilitators(db, kubeId) : [],
    request.ok && moduleSlug ? content.tasks(moduleSlug).then((tasks) => loadSkills(db, request.scope, tasks)) : null,
  ]);
  return {
    status: request.ok ? 200 : 400,
    errors: request.ok ? {} : request.errors,
    values: {
      modul: params.get('modul'),
      kube: params.get('kube'),
      jabatan: params.get('jabatan'),
      jk: params.get('jk'),
      dari: params.get('dari'),
      sampai: params.get('sampai'),
      ketuntasan: params.get('ketuntasan') ?? String(DEFAULT_MASTERY),
    },
    options: {
      modules: modules.map((m) => ({ value: m.id, label: m.title })),
      kubes: kubes.map((k) => ({ value: k.id, label: `${k.name} (${k.desa})` })),
      jabatan: jabatan.map((j) => ({ value: j.code, label: j.name })),
    },
    report,
    skills,
    workshop,
    kubeName: kube?.name ?? null,
    facilitatorNames:
      actor.role === 'pendamping' ? person.name : facilitators.map((f) => f.name).join(', ') || person.name,
    signer: signerOf(
      actor,
      person,
      kube ? [kube] : [],
      facilitators.map((f) => f.name),
    ),
    period: {
      from: request.ok ? (request.query.dari ?? null) : null,
      to: request.ok ? (request.query.sampai ?? null) : null,
    },
    module: modules.find((m) => m.id === moduleSlug) ?? null,
  };
}

async function loadReport(
  db: Executor,
  scope: Parameters<typeof loadPairs>[1],
  mastery: number,
  moduleSlug: string | undefined,
  content: ReportContent,
): Promise<GainReport> {
  // Objectives are shown for one module only: its question bank's.
  const [pairs, objectives] = await Promise.all([
    loadPairs(db, scope),
    moduleSlug ? content.objectives(moduleSlug) : undefined,
  ]);
  const byModule: ObjectiveMap = new Map(moduleSlug && objectives ? [[moduleSlug, objectives]] : []);
  return buildReportYielding(pairs, mastery, byModule);
}
