import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts } from '../../../db/schema.ts';
import { pageWindow } from '../../lib/pages.ts';

// A person's test history (`/belajar/riwayat`), newest first, one page at a time: retakes over the years add up.

const handedIn = (personId: string) => and(eq(attempts.personId, personId), isNotNull(attempts.submittedAt));

/** One page of the person's submitted attempts, newest first, and how many there are. */
export async function loadAttemptHistory(db: Executor, personId: string, params: URLSearchParams) {
  const [total] = await db.select({ n: count() }).from(attempts).where(handedIn(personId));
  const shown = pageWindow(params, total?.n ?? 0);
  const rows = await db
    .select({
      id: attempts.id,
      moduleSlug: attempts.moduleSlug,
      kind: attempts.kind,
      submittedAt: attempts.submittedAt,
      score: attempts.score,
    })
    .from(attempts)
    .where(handedIn(personId))
    .orderBy(desc(attempts.submittedAt), desc(attempts.id))
    .limit(shown.limit)
    .offset(shown.offset);
  return { shown, rows };
}
