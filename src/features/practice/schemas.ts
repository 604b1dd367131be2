import { z } from 'astro/zod';
import { PRACTICE_KINDS } from '../../../db/schema.ts';
import { reraiseIssues } from '../../lib/issues.ts';
import { isoDate, optionalText, recordId } from '../../lib/forms.ts';

// The scoring form of a practical task: `personId`, `taskSlug`, `kind`, `doneOn`, `notes`, and one checkbox
// `poin-<point id>` per checklist point that was done (an unticked box sends nothing).

const POINT = 'poin-';

export const scoringForm = z.instanceof(FormData).transform((form, ctx) => {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : null;
  };
  const base = z
    .object({
      personId: recordId(),
      taskSlug: z.string({ error: 'errors.invalid' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'errors.invalid'),
      kind: z.enum(PRACTICE_KINDS, { error: 'errors.invalid' }),
      doneOn: isoDate(),
      notes: optionalText(1000, { multiline: true }),
    })
    .safeParse({
      personId: text('personId'),
      taskSlug: text('taskSlug'),
      kind: text('kind'),
      doneOn: text('doneOn'),
      notes: text('notes'),
    });
  if (!base.success) {
    reraiseIssues(ctx, base.error.issues);
    return z.NEVER;
  }
  const checked: string[] = [];
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(POINT)) continue;
    if (value !== '1') {
      ctx.addIssue({ code: 'custom', message: 'practice.errors.point', path: [name] });
      return z.NEVER;
    }
    checked.push(name.slice(POINT.length));
  }
  return { ...base.data, checked };
});
