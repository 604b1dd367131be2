import { defineMiddleware } from 'astro:middleware';
import { server } from '../actions/index.ts';

// Action calls the action runtime would answer with a 500: a name that names no action, JSON that does not
// parse. They are the caller's mistakes, answered as such.

/** The action a request calls, by its RPC path or its form's `_action`. */
export function actionOf(url: URL): string | null {
  return url.pathname.startsWith('/_actions/')
    ? url.pathname.slice('/_actions/'.length).replace(/\/$/, '')
    : url.searchParams.get('_action');
}

/** Astro's own limit on an action's body (`security.actionBodySizeLimit`, 1 MiB by default). */
const ACTION_BODY_LIMIT = 1024 * 1024;
/** Every action as `namespace.name`. */
const ACTION_NAMES = new Set(
  Object.entries(server).flatMap(([namespace, group]) => Object.keys(group).map((name) => `${namespace}.${name}`)),
);

/**
 * Refuses an action call that names no action or sends JSON that does not parse: the caller's mistakes,
 * which Astro's action runtime would answer with 500 (a bare namespace such as `/_actions/auth`, a broken
 * escape such as `?_action=%25zz`, a SyntaxError). Bodies over the limit are left to Astro (413).
 */
export const actionRequest = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  const rpc = url.pathname.startsWith('/_actions/');
  // The browser's action client adds a trailing slash (`/_actions/assessment.saveAnswers/`).
  const name = rpc ? url.pathname.slice('/_actions/'.length).replace(/\/$/, '') : url.searchParams.get('_action');
  if (request.method !== 'POST' || name === null) return next();
  if (!isActionName(name)) return refuseAction(context, rpc, 404, 'NOT_FOUND', 'errors.notFound');
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return next();
  const body = await readUpTo(request.clone(), ACTION_BODY_LIMIT);
  // Empty is no input, which the action's schema judges.
  if (body === null || body.bytes === 0 || parsesAsJson(body.text)) return next();
  return refuseAction(context, rpc, 400, 'BAD_REQUEST', 'errors.invalid');
});

/** Astro decodes each part of the name once more before its lookup; a part that cannot be decoded names nothing. */
function isActionName(name: string): boolean {
  try {
    return ACTION_NAMES.has(name.split('.').map(decodeURIComponent).join('.'));
  } catch {
    return false;
  }
}

function refuseAction(
  context: Parameters<Parameters<typeof defineMiddleware>[0]>[0],
  rpc: boolean,
  status: number,
  code: string,
  key: 'errors.notFound' | 'errors.invalid',
) {
  const message = context.locals.t(key);
  // The shape of Astro's own action errors, so the client's `actions.*()` reads it as one.
  if (rpc) return Response.json({ type: 'AstroActionError', code, status, message }, { status });
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A request body as text, or null when it is longer than `limit` bytes. */
async function readUpTo(request: Request, limit: number): Promise<{ text: string; bytes: number } | null> {
  if (Number(request.headers.get('content-length')) > limit) return null;
  const reader = request.body?.getReader();
  if (!reader) return { text: '', bytes: 0 };
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      // Not awaited: a branch of a cloned body is cancelled only once the other branch is too.
      void reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), bytes };
}
