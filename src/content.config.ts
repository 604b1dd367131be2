import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { rubricSchema } from './features/capacity/rubric-schema.ts';
import { lessonSchema, moduleSchema, questionBankSchema } from './features/learning/content-schemas.ts';
import { learningPathSchema } from './features/paths/path-schema.ts';
import { practiceTaskSchema } from './features/practice/task-schema.ts';

// The curriculum lives outside src/, in content/ (see content/README.md). KUBE_CONTENT_DIR points the
// build at another folder; the tests use it to prove a broken file fails the build.
const base = process.env['KUBE_CONTENT_DIR'] ?? './content';

const modules = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${base}/modules`, generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: moduleSchema,
});

const lessons = defineCollection({
  // Lesson ids are `<module>/<file name>`, e.g. `hakikat-kube/01-apa-itu-kube`.
  loader: glob({ pattern: '*/*.md', base: `${base}/lessons`, generateId: ({ entry }) => entry.replace(/\.md$/, '') }),
  schema: lessonSchema,
});

const questions = defineCollection({
  loader: glob({
    pattern: '*.yaml',
    base: `${base}/questions`,
    generateId: ({ entry }) => entry.replace(/\.yaml$/, ''),
  }),
  schema: questionBankSchema,
});

const rubrics = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${base}/rubrics`, generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: rubricSchema,
});

// Practical tasks, scored by a facilitator with a checklist (success indicator 2's skill part).
const tasks = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${base}/tasks`, generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: practiceTaskSchema,
});

// A learning path per position (content/paths/<jabatan>.yaml), and `anggota.yaml` for members.
const paths = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${base}/paths`, generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: learningPathSchema,
});

// Earlier rubric versions (content/rubric-versions/<slug>/<n>.yaml), ids `<slug>/<n>`: an assessment is shown in
// the words it was scored with.
const rubricVersions = defineCollection({
  loader: glob({
    pattern: '*/*.yaml',
    base: `${base}/rubric-versions`,
    generateId: ({ entry }) => entry.replace(/\.yaml$/, ''),
  }),
  schema: rubricSchema,
});

export const collections = { modules, lessons, questions, rubrics, rubricVersions, tasks, paths };
