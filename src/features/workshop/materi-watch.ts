import type { Executor } from '../../../db/client.ts';
import { DomainError } from '../../lib/errors.ts';
import { openWorkshopByCode } from './join.ts';
import { joinScreenHref } from './materi.ts';

/**
 * The answer to a tablet's materi watch, asked every few seconds by every tablet in the room: only the
 * phase, as a status, so the server renders no page. 204 while the workshop's lessons are open; 303 to the
 * join screen once the facilitator has moved the phase on; 404 (with `gone`, the only words) for a code
 * that names no open workshop, e.g. one closed meanwhile. Never kept by a cache, and nothing personal: the
 * same for every tablet.
 */
export async function phaseWatch(db: Executor, typed: string, gone: string): Promise<Response> {
  const noStore = { 'Cache-Control': 'no-store' };
  try {
    const workshop = await openWorkshopByCode(db, typed);
    return workshop.phase === 'materi'
      ? new Response(null, { status: 204, headers: noStore })
      : new Response(null, { status: 303, headers: { ...noStore, Location: joinScreenHref(workshop.code) } });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return new Response(gone, { status: 404, headers: { ...noStore, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
