import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'devalue';
import { actorWithKube, serverIsSetUp } from '../features/auth/actor.ts';
import { SESSION_COOKIE } from '../features/auth/cookies.ts';
import { readSession } from '../features/auth/session.ts';
import { assessment } from '../features/assessment/actions.ts';
import { tabletAccess, tabletSessionAlive } from '../features/workshop/tablet-session.ts';
import { workshop } from '../features/workshop/actions.ts';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, useTranslations } from '../i18n/index.ts';
import { db } from '../lib/db.ts';
import { isCrossSitePost } from '../lib/origin.ts';
import { isSecureRequest, publicOrigin } from '../lib/request.ts';
import { SESSION_MS } from '../lib/settings.ts';
import { HSTS, SECURITY_HEADERS } from '../middleware/headers.ts';

// The two calls a workshop tablet makes all the time — an answer saved, the heartbeat every few seconds — answered
// without Astro's request pipeline, which costs more than the save itself (README: "Where tablets wait"). Built
// as its own entry of the server bundle (astro.config.mjs), so it shares every module with the app: the same
// database connection and statements, the same actions with their zod schemas and permission checks.
//
// It takes only the ordinary case: a signed-in person whose session is valid and not due for renewal, a JSON
// body that parses, a server already set up, no first password to change. Anything else goes to Astro's
// pipeline as before (`false`), which answers it with the middleware's own words and cookies. What it answers,
// it answers as Astro would: the action's own result or refusal, serialized as Astro's action route does, with
// the headers the middleware adds (tests/e2e/fast-path.test.ts compares the two).

/** The actions taken here, by their RPC path (the browser's client adds a trailing slash). */
const FAST_ACTIONS = {
  'assessment.saveAnswers': assessment.saveAnswers,
  'workshop.report': workshop.report,
} as const;
type FastName = keyof typeof FAST_ACTIONS;

/** Astro marks the context an action may be called with (astro/dist/actions/runtime/server.js). */
const ACTION_CONTEXT = Symbol.for('astro.actionAPIContext');

/** JSON, which a page on another site cannot post without a preflight this server never grants. */
const JSON_TYPE = /^application\/json(\s*;\s*charset=utf-8)?$/i;

type BodyRequest = IncomingMessage & { body?: unknown };

/** The action a request calls, when it is one taken here. */
function fastName(req: BodyRequest): FastName | null {
  if (req.method !== 'POST' || !req.url?.startsWith('/_actions/')) return null;
  const name = req.url.slice('/_actions/'.length).replace(/\/$/, '');
  return Object.hasOwn(FAST_ACTIONS, name) && JSON_TYPE.test(req.headers['content-type'] ?? '')
    ? (name as FastName)
    : null;
}

/** The first value of each cookie named (as the `cookie` package Astro uses takes it). */
function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeOrSelf(part.slice(at + 1).trim());
  }
  return undefined;
}

function decodeOrSelf(value: string): string {
  const unquoted = value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}

/**
 * Answers an answer save or a heartbeat and resolves true, or resolves false having written nothing, for the
 * app to answer. The body has been read already (scripts/server.ts puts it on `req.body`).
 */
export async function answerFast(req: BodyRequest, res: ServerResponse): Promise<boolean> {
  const name = fastName(req);
  if (name === null || !Buffer.isBuffer(req.body)) return false;
  const token = cookie(req.headers.cookie, SESSION_COOKIE);
  if (!token) return false;
  const headers = {
    get: (key: string): string | null => {
      const value = req.headers[key.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    },
  };
  const url = requestUrl(req);
  if (url === null) return false;
  const site = { url, request: { headers } };
  if (isCrossSitePost('POST', headers, publicOrigin(site))) return false;
  if (!(await serverIsSetUp(db))) return false;

  const read = await readSession(db, token, SESSION_MS);
  if (read.state !== 'valid' || read.dueForRefresh || read.session.person.mustChangePassword) return false;
  const { session } = read;
  if (session.workshopId) {
    if (!tabletSessionAlive(session.workshop, session.createdAt)) return false;
    if (!tabletAccess(session.workshop, `/_actions/${name}`, name).allowed) return false;
  }
  let input: unknown;
  try {
    input = req.body.length === 0 ? undefined : JSON.parse(req.body.toString('utf8'));
  } catch {
    return false;
  }

  const chosen = cookie(req.headers.cookie, LOCALE_COOKIE);
  const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  const locals: App.Locals = {
    locale,
    t: useTranslations(locale),
    person: session.person,
    sessionId: session.id,
    workshopId: session.workshopId,
    workshop: session.workshopId ? session.workshop : null,
    actor: await actorWithKube(db, session.person, session.kubeId),
    formValues: {},
  };
  const action = FAST_ACTIONS[name] as (this: unknown, input: unknown) => Promise<ActionResult>;
  const result = await action.call({ [ACTION_CONTEXT]: true, locals }, input);
  const answer = serialized(result);
  res.writeHead(answer.status, {
    ...(answer.body === null ? {} : { 'content-type': answer.type }),
    ...SECURITY_HEADERS,
    ...(isSecureRequest(site) ? { 'strict-transport-security': HSTS } : {}),
    // Signed in: nothing of it may be kept (middleware/headers.ts).
    'cache-control': 'no-store',
  });
  res.end(answer.body ?? undefined);
  return true;
}

/** The request's address as Astro's node adapter builds it (`createRequestFromNodeRequest`): http, its Host. */
function requestUrl(req: IncomingMessage): URL | null {
  const host = req.headers.host;
  if (!host || !URL.canParse(`http://${host}${req.url ?? ''}`)) return null;
  return new URL(`http://${host}${req.url ?? ''}`);
}

type ActionResult = { data: unknown; error: undefined } | { data: undefined; error: ActionFailure };
type ActionFailure = Error & { type: string; status: number; issues?: unknown; fields?: unknown };

/** A result as Astro's action route writes it (`serializeActionResult`). */
function serialized(result: ActionResult): { status: number; type: string; body: string | null } {
  const { error } = result;
  if (error) {
    const body =
      error.type === 'AstroActionInputError'
        ? { type: error.type, issues: error.issues, fields: error.fields }
        : // Its own fields (type, code, status) and the message, as `{ ...error, message }` in Astro.
          { ...Object.fromEntries(Object.entries(error)), message: error.message };
    return { status: error.status, type: 'application/json', body: JSON.stringify(body) };
  }
  if (result.data === undefined) return { status: 204, type: '', body: null };
  return { status: 200, type: 'application/json+devalue', body: stringify(result.data) };
}
