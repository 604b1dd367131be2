import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { fieldLink } from '../../../../db/schema.ts';
import { isMessageKey } from '../../../i18n/index.ts';
import { DomainError } from '../../../lib/errors.ts';
import { newKeyPair, pairResponse } from '../protocol.ts';
import { sendMessage, type Transport } from './transport.ts';
import { readFieldLink } from './link.ts';
import { pullFromDistrict } from './pull.ts';
import { pairInput, type PairInput } from './schemas.ts';

// Pairing, once per laptop: the facilitator's sign-in at the district registers this laptop's public key there;
// the private key never leaves this database. The first pull follows at once, bringing the facilitator's own
// sign-in, so they sign in here with their usual password.

export const PAIR_PATH = '/api/lapangan/pasang';

/** `complete` false: the first pull stopped after its first page (the connection dropped); a send goes on with it. */
export type Paired = { deviceId: string; personName: string; rows: number; complete: boolean };

/** Which form field a district refusal belongs to, so the page shows it beside the field to fix. */
const FIELD_OF: Readonly<Record<string, string>> = {
  'sync.error.wrong_password': 'facilitatorPassword',
  'sync.error.not_facilitator': 'facilitatorUsername',
  'sync.error.unreachable': 'districtUrl',
};

export async function pairWithDistrict(db: Database, raw: PairInput, transport: Transport): Promise<Paired> {
  const parsed = pairInput.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const key = issue && isMessageKey(issue.message) ? issue.message : 'errors.invalid';
    throw new DomainError(key, { field: String(issue?.path[0] ?? '') || null });
  }
  const input = parsed.data;
  if (pairing) throw new DomainError('lapangan.error.alreadyPaired', { code: 'CONFLICT' });
  pairing = true;
  try {
    return await pairOnce(db, input, transport);
  } finally {
    pairing = false;
  }
}

/** One pairing at a time in this process: a second form sent meanwhile is refused, not interleaved. */
let pairing = false;

async function pairOnce(db: Database, input: PairInput, transport: Transport): Promise<Paired> {
  const existing = await readFieldLink(db);
  if (existing?.lastPullAt) throw new DomainError('lapangan.error.alreadyPaired', { code: 'CONFLICT' });
  // A pairing cut off before its first pull finished (the laptop was switched off) left a link nobody can sign in
  // with: it is replaced. The rows a first pull page already stored stay; the new pull writes them again unchanged.
  if (existing) await db.delete(fieldLink).where(eq(fieldLink.id, 1));
  const keys = newKeyPair();
  let answer;
  try {
    answer = await sendMessage(
      transport,
      PAIR_PATH,
      {
        username: input.facilitatorUsername,
        password: input.facilitatorPassword,
        deviceName: input.deviceName,
        publicKey: keys.publicKey,
      },
      pairResponse,
    );
  } catch (error) {
    if (error instanceof DomainError && FIELD_OF[error.key]) {
      throw new DomainError(error.key, { field: FIELD_OF[error.key], code: error.code });
    }
    throw error;
  }
  try {
    await db.insert(fieldLink).values({
      id: 1,
      districtUrl: input.districtUrl,
      deviceId: answer.deviceId,
      deviceName: input.deviceName,
      privateKey: keys.privateKey,
      personId: answer.personId,
      pairedAt: new Date(),
    });
  } catch {
    // Two pairing forms sent at once: the first one's link stands.
    throw new DomainError('lapangan.error.alreadyPaired', { code: 'CONFLICT' });
  }
  try {
    const pulled = await pullFromDistrict(db, transport);
    return { deviceId: answer.deviceId, personName: answer.personName, rows: pulled.rows, complete: true };
  } catch (error) {
    // Once a first page is stored the facilitator can sign in here, and "Kirim ke server kabupaten" goes on with
    // the rest of the snapshot: the pairing stands.
    if ((await readFieldLink(db))?.lastPullAt) {
      console.warn('first pull cut off after its first page; the next send goes on with it:', error);
      return { deviceId: answer.deviceId, personName: answer.personName, rows: 0, complete: false };
    }
    // Without its first pull the laptop has nobody to sign in: undo the pairing so the form can be sent again.
    // The district keeps an unused device, which its admin can revoke.
    await db.delete(fieldLink).where(eq(fieldLink.id, 1));
    throw error;
  }
}
