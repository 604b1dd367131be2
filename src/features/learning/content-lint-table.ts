import type { FormLint, ModuleLint } from './content-lint.ts';

// The linter's result as a Markdown table (one row per module and form) and, under it, every finding
// by module: the table shows where to look, the list says what to fix. Printed by `npm run content:check`
// and pasted as is into the before/after note.

const HEADER = [
  'module',
  'form',
  'items',
  'key longest',
  'shared keys',
  'stem-key words',
  'quoted options',
  'thin objectives',
  'value words only in key',
  'verdict',
];

function percent(count: number, of: number): string {
  return of === 0 ? '–' : `${count}/${of} (${Math.round((100 * count) / of)} %)`;
}

function row(result: ModuleLint, form: FormLint): string[] {
  const failed = result.failures.length > 0 || form.failures.length > 0;
  return [
    result.module,
    form.form,
    String(form.items),
    percent(form.keyLongest.count, form.keyLongest.of),
    String(new Set(form.sharedKeys.flat()).size),
    String(form.stemKeyWords.length),
    String(form.quotedOptions.length),
    String(form.thinObjectives.length),
    String(form.valueWords.length),
    failed ? 'FAIL' : 'pass',
  ];
}

function line(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The table of every module's forms. */
export function formatLintTable(results: readonly ModuleLint[]): string {
  const rows = results.flatMap((result) => result.forms.map((form) => row(result, form)));
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Every finding, module by module; "value words" are listed as notes since they do not fail a bank. */
export function formatLintFindings(results: readonly ModuleLint[]): string {
  return results
    .map((result) => {
      const failures = [
        ...result.failures,
        ...result.forms.flatMap((form) =>
          form.failures.map((failure) => (failure.startsWith('same key') ? failure : `${form.form}: ${failure}`)),
        ),
      ];
      const notes = result.forms.flatMap((form) =>
        form.valueWords.map(({ item, words }) => `${item}: only the key says ${words.join(', ')}`),
      );
      const heading = `${result.module} (${result.audience} module, testDesign ${result.testDesign}): ${result.passes ? 'pass' : 'FAIL'}`;
      return [heading, ...[...new Set(failures)].map((f) => `  ✖ ${f}`), ...notes.map((n) => `  · note: ${n}`)].join(
        '\n',
      );
    })
    .join('\n');
}
