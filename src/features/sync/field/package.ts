import { contentVersion } from '../content-version.ts';
import { PACKAGE_FORMAT, packageSignedText, signWith, type FieldPackage } from '../protocol.ts';
import { pendingBatches } from './batches.ts';
import { requireFieldLink } from './link.ts';
import type { Database } from '../../../../db/client.ts';

// A paket lapangan: every batch waiting to be sent, in one file signed with the device key, for a laptop that
// cannot reach the district at all. Exporting changes nothing here: the rows stay waiting until the district
// confirms them (the answer to a later push says `already` for the batches the file carried).

/** The file's text, and a name for it: `paket-lapangan-<laptop>-<YYYY-MM-DD>.json`. */
export async function exportPackage(
  db: Database,
  now: Date,
): Promise<{ text: string; filename: string; batches: number }> {
  const link = await requireFieldLink(db);
  const batches = await pendingBatches(db, link, await contentVersion(), now.getTime());
  const file: Omit<FieldPackage, 'signature'> = {
    format: PACKAGE_FORMAT,
    version: 1,
    deviceId: link.deviceId,
    createdAt: now.getTime(),
    batches,
  };
  const signed: FieldPackage = { ...file, signature: signWith(link.privateKey, packageSignedText(file)) };
  return { text: JSON.stringify(signed), filename: packageFilename(link.deviceName, now), batches: batches.length };
}

/** The laptop's name as a file name: lower-case letters and digits joined by dashes ("laptop-prambon"). */
export function packageFilename(deviceName: string, now: Date): string {
  const slug =
    deviceName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'laptop';
  // The day in Western Indonesia Time, where the file is made.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(now);
  return `paket-lapangan-${slug}-${day}.json`;
}
