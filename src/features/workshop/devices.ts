import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { statementTogether } from '../../../db/group-commit.ts';
import { attempts, deviceReports, memberships } from '../../../db/schema.ts';
import { SILENT_AFTER_MS } from './rules.ts';
import type { Workshop } from './service.ts';

// Tablets tell the server what they still hold: the board can only know about answers that never arrived
// because the tablet says so. A tablet that stops reporting mid-test may hold answers too.

export type DeviceReport = { attemptId: string; unsent: number; submitPending: boolean };

/**
 * A report that says what the stored one says is written again only once the stored one is this old: the board
 * calls a tablet silent after SILENT_AFTER_MS, and a beat every few seconds that changes nothing need not take
 * the write lock and a disk sync each time (5,000 tablets beat 1,250 times a second).
 */
export const REFRESH_REPORT_AFTER_MS = SILENT_AFTER_MS / 2;

/**
 * Stores the latest report per attempt. Attempts that are not this workshop's (another module, a person
 * outside the KUBE, an unknown id: a tablet may keep old attempts from elsewhere) are skipped and counted.
 */
export async function recordDeviceReports(
  db: Executor,
  workshop: Workshop,
  reports: readonly DeviceReport[],
  now = new Date(),
): Promise<{ stored: number; unchanged: number; skipped: number }> {
  const latest = new Map(reports.map((report) => [report.attemptId, report]));
  if (latest.size === 0) return { stored: 0, unchanged: 0, skipped: 0 };
  const ours = await db
    .select({
      id: attempts.id,
      unsent: deviceReports.unsent,
      submitPending: deviceReports.submitPending,
      workshopId: deviceReports.workshopId,
      reportedAt: deviceReports.reportedAt,
    })
    .from(attempts)
    .innerJoin(
      memberships,
      and(
        eq(memberships.personId, attempts.personId),
        eq(memberships.kubeId, workshop.kubeId),
        isNull(memberships.leftOn),
      ),
    )
    .leftJoin(deviceReports, eq(deviceReports.attemptId, attempts.id))
    .where(and(inArray(attempts.id, [...latest.keys()]), eq(attempts.moduleSlug, workshop.moduleSlug)));
  const rows = ours.flatMap((stored) => {
    const report = latest.get(stored.id);
    if (!report) return [];
    const same =
      stored.reportedAt !== null &&
      stored.workshopId === workshop.id &&
      stored.unsent === report.unsent &&
      stored.submitPending === report.submitPending &&
      now.getTime() - stored.reportedAt.getTime() < REFRESH_REPORT_AFTER_MS;
    return same
      ? []
      : [
          {
            attemptId: stored.id,
            workshopId: workshop.id,
            unsent: report.unsent,
            submitPending: report.submitPending,
            reportedAt: now,
          },
        ];
  });
  // One statement for every held attempt (one round trip to a libSQL server, atomic by itself).
  // Reports that arrive together share a commit (db/group-commit.ts).
  if (rows.length > 0) {
    await statementTogether(db, (on) =>
      on
        .insert(deviceReports)
        .values(rows)
        .onConflictDoUpdate({
          target: deviceReports.attemptId,
          set: {
            workshopId: sql`excluded.workshop_id`,
            unsent: sql`excluded.unsent`,
            submitPending: sql`excluded.submit_pending`,
            reportedAt: sql`excluded.reported_at`,
          },
        }),
    );
  }
  return { stored: rows.length, unchanged: ours.length - rows.length, skipped: latest.size - ours.length };
}

export type DeviceState = {
  /** Answers the tablet said it could not send yet (0 when it said all arrived). */
  unsent: number;
  submitPending: boolean;
  reportedAt: Date;
};

/** The latest report per attempt of the workshop. */
export async function loadDeviceStates(db: Executor, workshopId: string): Promise<Map<string, DeviceState>> {
  const rows = await db
    .select({
      attemptId: deviceReports.attemptId,
      unsent: deviceReports.unsent,
      submitPending: deviceReports.submitPending,
      reportedAt: deviceReports.reportedAt,
    })
    .from(deviceReports)
    .where(eq(deviceReports.workshopId, workshopId));
  return new Map(rows.map(({ attemptId, ...state }) => [attemptId, state]));
}
