import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, deviceReports, memberships } from '../../../db/schema.ts';
import type { Workshop } from './service.ts';

// Tablets tell the server what they still hold: the board can only know about answers that never arrived
// because the tablet says so. A tablet that stops reporting mid-test may hold answers too.

export type DeviceReport = { attemptId: string; unsent: number; submitPending: boolean };

/**
 * Stores the latest report per attempt. Attempts that are not this workshop's (another module, a person
 * outside the KUBE, an unknown id: a tablet may keep old attempts from elsewhere) are skipped and counted.
 */
export async function recordDeviceReports(
  db: Executor,
  workshop: Workshop,
  reports: readonly DeviceReport[],
  now = new Date(),
): Promise<{ stored: number; skipped: number }> {
  const latest = new Map(reports.map((report) => [report.attemptId, report]));
  if (latest.size === 0) return { stored: 0, skipped: 0 };
  const ours = await db
    .select({ id: attempts.id })
    .from(attempts)
    .innerJoin(
      memberships,
      and(
        eq(memberships.personId, attempts.personId),
        eq(memberships.kubeId, workshop.kubeId),
        isNull(memberships.leftOn),
      ),
    )
    .where(and(inArray(attempts.id, [...latest.keys()]), eq(attempts.moduleSlug, workshop.moduleSlug)));
  const rows = ours.flatMap(({ id }) => {
    const report = latest.get(id);
    return report
      ? [
          {
            attemptId: id,
            workshopId: workshop.id,
            unsent: report.unsent,
            submitPending: report.submitPending,
            reportedAt: now,
          },
        ]
      : [];
  });
  // One statement for every held attempt (one round trip to a libSQL server, atomic by itself).
  if (rows.length > 0) {
    await db
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
      });
  }
  return { stored: rows.length, skipped: latest.size - rows.length };
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
