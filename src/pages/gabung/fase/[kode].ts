import type { APIRoute } from 'astro';
import { phaseWatch } from '../../../features/workshop/materi-watch.ts';
import { db } from '../../../lib/db.ts';

/** A tablet's materi watch (HEAD, which Astro answers from GET without a body): whether the lessons are open. */
export const GET: APIRoute = ({ params, locals }) =>
  phaseWatch(db, params['kode'] ?? '', locals.t('workshop.errors.badCode'));
