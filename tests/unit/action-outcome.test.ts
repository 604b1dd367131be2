import { ActionError } from 'astro:actions';
import { describe, expect, it } from 'vitest';
import { actionOutcome, form, noticeFor, type ActionResult } from '../../src/lib/action-outcome.ts';

// Post/redirect/get for a page with several forms: where a success goes, what a refusal answers.

const ok = <Data>(data: Data): ActionResult<Data> => ({ data, error: undefined });
const refused = (code: 'BAD_REQUEST' | 'FORBIDDEN'): ActionResult<never> => ({
  data: undefined,
  error: new ActionError({ code, message: 'errors.invalid' }),
});
const TYPED = { name: 'Sari' };

describe('actionOutcome()', () => {
  it('sends a success back to the page with its flag and anchor', () => {
    const outcome = actionOutcome('/kube/k1', TYPED, {
      record: form(undefined, { flag: 'dicatat', anchor: 'struktur' }),
      assign: form(ok(null), { flag: 'ditugaskan', anchor: 'pendamping' }),
    });
    expect(outcome).toMatchObject({ redirect: '/kube/k1?ditugaskan=1#pendamping', status: null, failed: null });
  });

  it('goes where the action data says, or to the flag alone without an anchor', () => {
    expect(actionOutcome('/p', {}, { a: form(ok({ id: 'x1' }), (data) => `/orang/${data.id}`) }).redirect).toBe(
      '/orang/x1',
    );
    expect(actionOutcome('/p', {}, { a: form(ok(1), { flag: 'disimpan' }) }).redirect).toBe('/p?disimpan=1');
  });

  it('answers a refusal with its status and shows what was typed in that form only', () => {
    const outcome = actionOutcome('/kube/k1', TYPED, {
      record: form(undefined, { flag: 'dicatat' }),
      assign: form(refused('FORBIDDEN'), { flag: 'ditugaskan' }),
    });
    expect(outcome).toMatchObject({ redirect: null, status: 403, failed: 'assign' });
    expect(outcome.typedIn('assign')).toBe(TYPED);
    expect(outcome.typedIn('record')).toEqual({});
    expect(outcome.errorOf('assign')?.code).toBe('FORBIDDEN');
    expect(outcome.errorOf('record')).toBeUndefined();
  });

  it("gives the refused form's error whichever form it was, for a page with one message for all", () => {
    const forms = (grant: ActionResult<null> | undefined, pin: ActionResult<null> | undefined) =>
      actionOutcome('/p', {}, { grant: form(grant, { flag: 'disimpan' }), pin: form(pin, { flag: 'pin' }) });
    expect(forms(undefined, refused('BAD_REQUEST')).error?.code).toBe('BAD_REQUEST');
    expect(forms(refused('FORBIDDEN'), undefined).error?.code).toBe('FORBIDDEN');
    expect(forms(ok(null), undefined).error).toBeUndefined();
  });

  it('does nothing when no form was sent', () => {
    const outcome = actionOutcome('/p', TYPED, { a: form(undefined, { flag: 'x' }) });
    expect(outcome).toMatchObject({ redirect: null, status: null, failed: null, error: undefined });
    expect(outcome.typedIn('a')).toEqual({});
  });
});

describe('noticeFor()', () => {
  it('gives the notice of the flag in the address', () => {
    const notices = { dicatat: 'kube.notice.positionRecorded', dilepas: 'kube.notice.facilitatorUnassigned' } as const;
    expect(noticeFor(new URLSearchParams('dilepas=1'), notices)).toBe('kube.notice.facilitatorUnassigned');
    expect(noticeFor(new URLSearchParams('tanggal=2026-01-01'), notices)).toBeNull();
  });
});
