import type { z } from 'astro/zod';
import { isMessageKey } from '../i18n/index.ts';
import type { Message } from './errors.ts';

// A zod issue's message is a dictionary key (see forms.ts); its values are data on the issue itself.

export type Issue = z.core.$ZodIssue;

const numeric = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? Number(value) : null);

/**
 * The message of one input issue: its key, with the values a custom issue carries in `params` or the limit
 * a length check keeps (`{max}`, `{min}`). A message that is no key (zod's own English) is a rule we forgot
 * to word, shown as "not valid" rather than as developer text.
 */
export function issueMessage(issue: Issue): Message {
  if (!isMessageKey(issue.message)) return { key: 'errors.invalid' };
  const params: Record<string, string | number> = {};
  if (issue.code === 'custom') {
    for (const [name, value] of Object.entries(issue.params ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    }
  }
  const max = issue.code === 'too_big' ? numeric(issue.maximum) : null;
  const min = issue.code === 'too_small' ? numeric(issue.minimum) : null;
  if (max !== null) params['max'] = max;
  if (min !== null) params['min'] = min;
  return { key: issue.message, params };
}

/**
 * Re-raises the issues of a parse made inside a form's transform as custom issues of that transform, their values
 * (a length's `max`) kept as params, so the form's fields show them as if the transform had found them.
 */
export function reraiseIssues(ctx: z.RefinementCtx, issues: readonly Issue[]): void {
  for (const issue of issues) {
    ctx.addIssue({
      code: 'custom',
      path: issue.path,
      message: issue.message,
      params: { ...issueMessage(issue).params },
    });
  }
}
