import type { Module, Question, QuestionBank } from './content-schemas.ts';
import {
  hasWordyOptions,
  keyIsLongest,
  quotedOptions,
  sharedKeys,
  stemKeyWords,
  valueWordsOnlyInKey,
  type ItemWords,
} from './content-lint-items.ts';

// The content linter of issue 16: what is measurable of a good pre-test / post-test, per module and per
// form. Pure: content-check.ts loads the files, scripts/check-content.ts prints the table, and
// tests/unit/content-lint.test.ts holds the list of banks not yet rewritten.

/** Above this share of items with the key as the strictly longest option, the length gives the key away. */
export const MAX_KEY_LONGEST = 0.4;

/**
 * Officers are measured by indicator 2, so their forms must carry more items. A module is an officer module
 * when its audience has no `anggota` (pengurus only, or pendamping); a module for members and officers
 * alike (hakikat-kube, usaha-*) is a member module, since members take its test too.
 */
export const MINIMUMS = {
  officer: { perObjective: 3, perForm: 15 },
  member: { perObjective: 2, perForm: 0 },
} as const;

export type Audience = keyof typeof MINIMUMS;
export type FormName = 'A' | 'B' | 'same';

export type FormLint = {
  form: FormName;
  items: number;
  /** Items whose key is strictly the longest, of the items whose options are not all numbers. */
  keyLongest: { count: number; of: number };
  /** Groups of item ids of the whole bank sharing a key, that include an item of this form. */
  sharedKeys: string[][];
  stemKeyWords: ItemWords[];
  quotedOptions: ItemWords[];
  /** Objectives of the module with fewer items in this form than the minimum. */
  thinObjectives: { objective: string; items: number }[];
  /** Reported, not failed: see valueWordsOnlyInKey(). */
  valueWords: ItemWords[];
  failures: string[];
};

export type ModuleLint = {
  module: string;
  audience: Audience;
  testDesign: Module['testDesign'];
  forms: FormLint[];
  /** What fails the module as a whole (its design, its forms side by side). */
  failures: string[];
  passes: boolean;
};

/**
 * The usaha track is the members' business workshops; every other track is taken by officers and feeds success
 * indicator 2 (their knowledge "sesuai tugas dan fungsinya"), so it is held to the officers' minimum. Hakikat KUBE
 * is read by members too, but it is one of the four officer modules the issue names.
 */
export function audienceOf(module: Module): Audience {
  return module.track === 'usaha' ? 'member' : 'officer';
}

function perItem(questions: readonly Question[], rule: (q: Question) => string[]): ItemWords[] {
  return questions.flatMap((q) => {
    const words = rule(q);
    return words.length > 0 ? [{ item: q.id, words }] : [];
  });
}

function lintForm(module: Module, form: FormName, questions: Question[], shared: string[][]): FormLint {
  const minimum = MINIMUMS[audienceOf(module)];
  const wordy = questions.filter(hasWordyOptions);
  const keyLongest = { count: wordy.filter(keyIsLongest).length, of: wordy.length };
  const ids = new Set(questions.map((q) => q.id));
  const lint: FormLint = {
    form,
    items: questions.length,
    keyLongest,
    sharedKeys: shared.filter((group) => group.some((id) => ids.has(id))),
    stemKeyWords: perItem(questions, stemKeyWords),
    quotedOptions: perItem(questions, quotedOptions),
    thinObjectives: module.objectives
      .map((o) => ({ objective: o.id, items: questions.filter((q) => q.objective === o.id).length }))
      .filter((o) => o.items < minimum.perObjective),
    valueWords: perItem(questions, valueWordsOnlyInKey),
    failures: [],
  };
  const share = keyLongest.of > 0 ? keyLongest.count / keyLongest.of : 0;
  const fail = (when: boolean, reason: string) => {
    if (when) lint.failures.push(reason);
  };
  fail(share > MAX_KEY_LONGEST, `key is the longest option in ${keyLongest.count} of ${keyLongest.of} items`);
  fail(questions.length < minimum.perForm, `${questions.length} items, at least ${minimum.perForm} needed`);
  for (const group of lint.sharedKeys) fail(true, `same key text in ${group.join(', ')}`);
  for (const { item, words } of lint.stemKeyWords) fail(true, `${item}: stem and key alone share ${words.join(', ')}`);
  for (const { item, words } of lint.quotedOptions) fail(true, `${item}: option ${words.join(', ')} in quote marks`);
  for (const { objective, items } of lint.thinObjectives)
    fail(true, `objective ${objective}: ${items} item(s), at least ${minimum.perObjective} needed`);
  return lint;
}

function objectivesOf(questions: readonly Question[]): Set<string> {
  return new Set(questions.map((q) => q.objective));
}

/** Lints one module's bank: one row per form (a single "same" row when the post-test repeats the pre-test). */
export function lintModule(module: Module, bank: QuestionBank): ModuleLint {
  const shared = sharedKeys(bank.questions);
  const failures: string[] = [];
  let forms: FormLint[];
  if (module.testDesign === 'same') {
    failures.push('testDesign is "same": the post-test repeats the pre-test; write parallel forms A and B');
    forms = [lintForm(module, 'same', bank.questions, shared)];
  } else {
    const a = bank.questions.filter((q) => q.form === 'A');
    const b = bank.questions.filter((q) => q.form === 'B');
    const inA = objectivesOf(a);
    const inB = objectivesOf(b);
    for (const objective of inA) if (!inB.has(objective)) failures.push(`objective ${objective} is in form A only`);
    for (const objective of inB) if (!inA.has(objective)) failures.push(`objective ${objective} is in form B only`);
    forms = [lintForm(module, 'A', a, shared), lintForm(module, 'B', b, shared)];
  }
  const passes = failures.length === 0 && forms.every((f) => f.failures.length === 0);
  return { module: module.slug, audience: audienceOf(module), testDesign: module.testDesign, forms, failures, passes };
}
