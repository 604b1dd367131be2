import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'astro/zod';
import {
  lessonSchema,
  moduleSchema,
  questionBankSchema,
  type Lesson,
  type Module,
  type QuestionBank,
} from './content-schemas.ts';
import { checkVersions, readLock } from './question-versions.ts';
import { lintModule, type ModuleLint } from './content-lint.ts';
import { rubricSchema, type Rubric } from '../capacity/rubric-schema.ts';

// Checks the whole curriculum the way the build does (same schemas), plus what one file cannot know
// alone: that lessons and questions point at real modules and objectives, and that every objective is
// taught and tested. The capacity rubrics in content/rubrics are checked here too, so one command
// covers everything in content/. Used by tests and by `npm run content:check`.

type Loaded<T> = { file: string; data: T };

function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}

function readFrontmatter(path: string): { data: unknown; body: string } {
  const text = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return match ? { data: parse(match[1] ?? ''), body: match[2] ?? '' } : { data: null, body: text };
}

function listFiles(dir: string, extension: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(path, extension);
      return entry.name.endsWith(extension) ? [path] : [];
    });
  } catch {
    return [];
  }
}

function validate<S extends z.ZodType>(schema: S, data: unknown, file: string, problems: string[]) {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    problems.push(`${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  return null;
}

export type Curriculum = {
  modules: Loaded<Module>[];
  lessons: Loaded<Lesson & { body: string }>[];
  banks: Loaded<QuestionBank>[];
  rubrics: Loaded<Rubric>[];
};

export function loadCurriculum(dir: string, problems: string[]): Curriculum {
  const modules = listFiles(join(dir, 'modules'), '.yaml').flatMap((file) => {
    const data = validate(moduleSchema, readYaml(file), file, problems);
    return data ? [{ file, data }] : [];
  });
  const lessons = listFiles(join(dir, 'lessons'), '.md').flatMap((file) => {
    const { data: front, body } = readFrontmatter(file);
    const data = validate(lessonSchema, front, file, problems);
    return data ? [{ file, data: { ...data, body } }] : [];
  });
  const banks = listFiles(join(dir, 'questions'), '.yaml').flatMap((file) => {
    const data = validate(questionBankSchema, readYaml(file), file, problems);
    return data ? [{ file, data }] : [];
  });
  const rubrics = listFiles(join(dir, 'rubrics'), '.yaml').flatMap((file) => {
    const data = validate(rubricSchema, readYaml(file), file, problems);
    return data ? [{ file, data }] : [];
  });
  return { modules, lessons, banks, rubrics };
}

/** Every problem in the curriculum under `dir`, as "file: field: message" lines; empty when all is well. */
export function checkCurriculum(dir = 'content'): string[] {
  const problems: string[] = [];
  const { modules, lessons, banks, rubrics } = loadCurriculum(dir, problems);
  const slugs = new Set<string>();
  for (const { file, data: module } of modules) {
    if (!file.endsWith(`${module.slug}.yaml`)) problems.push(`${file}: slug: must match the file name`);
    if (slugs.has(module.slug)) problems.push(`${file}: slug: "${module.slug}" is used twice`);
    slugs.add(module.slug);
    const objectives = new Set(module.objectives.map((o) => o.id));
    const own = lessons.filter((l) => l.data.module === module.slug);
    const bank = banks.find((b) => b.data.module === module.slug);
    if (own.length < 3) problems.push(`${file}: lessons: a module needs at least 3 lessons, found ${own.length}`);
    const orders = own.map((l) => l.data.order);
    if (new Set(orders).size !== orders.length) problems.push(`${file}: lessons: two lessons share an order`);
    if (!bank) problems.push(`${file}: questions: no question bank content/questions/${module.slug}.yaml`);
    for (const objective of objectives) {
      if (!own.some((l) => l.data.objectives.includes(objective))) {
        problems.push(`${file}: objectives: "${objective}" is taught by no lesson`);
      }
      const forms = module.testDesign === 'parallel' ? (['A', 'B'] as const) : [undefined];
      for (const form of forms) {
        const covered = bank?.data.questions.some((q) => q.objective === objective && (!form || q.form === form));
        if (bank && !covered) {
          problems.push(
            `${bank.file}: questions: objective "${objective}" has no question${form ? ` in form ${form}` : ''}`,
          );
        }
      }
    }
    for (const { file: lessonFile, data: lesson } of own) {
      for (const id of lesson.objectives) {
        if (!objectives.has(id))
          problems.push(`${lessonFile}: objectives: "${id}" is not an objective of ${module.slug}`);
      }
      if (!lessonFile.includes(`${module.slug}/`))
        problems.push(`${lessonFile}: module: file is not in lessons/${module.slug}/`);
    }
    if (bank) {
      for (const [index, question] of bank.data.questions.entries()) {
        if (!objectives.has(question.objective)) {
          problems.push(
            `${bank.file}: questions.${index}.objective: "${question.objective}" is not an objective of ${module.slug}`,
          );
        }
        if (module.testDesign === 'parallel' && !question.form) {
          problems.push(`${bank.file}: questions.${index}.form: parallel forms need "A" or "B" on every question`);
        }
      }
    }
  }
  for (const { file, data } of [...lessons, ...banks]) {
    if (!slugs.has(data.module)) problems.push(`${file}: module: "${data.module}" is not a module`);
  }
  for (const { file, data: rubric } of rubrics) {
    if (!file.endsWith(`${rubric.slug}.yaml`)) problems.push(`${file}: slug: must match the file name`);
  }
  problems.push(...checkVersions(banks, readLock(dir)));
  return problems;
}

/** The content linter (content-lint.ts) on every module that has a bank, in the modules' order. */
export function lintCurriculum(dir = 'content'): ModuleLint[] {
  const { modules, banks } = loadCurriculum(dir, []);
  return modules
    .map((m) => m.data)
    .sort((a, b) => a.order - b.order)
    .flatMap((module) => {
      const bank = banks.find((b) => b.data.module === module.slug);
      return bank ? [lintModule(module, bank.data)] : [];
    });
}
