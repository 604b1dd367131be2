import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { z } from 'astro/zod';

// The field kit's messages (README: "Field kit"). A field server sends them to the district's /api/lapangan/*
// endpoints, and a paket lapangan carries the same push batches in a file. Every request body and every file is
// signed with the device's Ed25519 private key; the district keeps only the public key it received at pairing.

/** A row as it travels: raw SQLite values keyed by column name. */
export const wireRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type WireRow = z.infer<typeof wireRow>;

/**
 * One changed row: its table, its key (the JSON array the change log writes), the row now (null: deleted) and, in
 * a push, the row as both sides last agreed on it (null or absent: the field has never had it from the district).
 */
export const change = z.object({
  table: z.string().min(1).max(64),
  key: z.string().min(2).max(4000),
  row: wireRow.nullable(),
  base: wireRow.nullable().optional(),
});
export type Change = z.infer<typeof change>;

/** Headers of a signed request: which device, and its signature of the raw body. */
export const DEVICE_HEADER = 'x-kube-device';
export const SIGNATURE_HEADER = 'x-kube-signature';
/** A signed request older or newer than this (by the district's clock) is refused: a replayed pull gets nothing. */
export const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;
/** Rows per push batch: small enough for a slow phone hotspot, one transaction each at the district. */
export const PUSH_BATCH_ROWS = 200;

/** POST /api/lapangan/pasang — the facilitator's sign-in pairs a new device; no signature yet. */
export const pairRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  deviceName: z.string().trim().min(1).max(60),
  /** The device's Ed25519 public key, SPKI DER in base64. */
  publicKey: z.string().min(40).max(200),
});
export const pairResponse = z.object({
  deviceId: z.string(),
  personId: z.string(),
  personName: z.string(),
});

/**
 * Where a snapshot of newly assigned KUBEs stands between pull pages: the district's own position (a table of the
 * registry and the last rowid it sent there), which the field stores and sends back as it came.
 */
export const snapshotPosition = z.object({
  kubeIds: z.array(z.string().max(64)).max(500),
  /** Whether the KUBE-less tables (kinds of position, question sets, targets) come too: on a first pull. */
  global: z.boolean(),
  /** The registry index of the table being sent, and the last rowid of it sent (0: none yet). */
  table: z.number().int().min(0).max(1000),
  after: z.number().int().min(0),
});
export type SnapshotPosition = z.infer<typeof snapshotPosition>;

/** POST /api/lapangan/tarik — what changed at the district since `cursor`, for the device's KUBEs. */
export const pullRequest = z.object({
  deviceId: z.string().min(1).max(64),
  at: z.number().int(),
  /** The district change-log seq pulled so far; 0 for the first pull. */
  cursor: z.number().int().min(0),
  /** KUBEs the field already holds: one newly assigned gets a full snapshot, the others only their changes. */
  knownKubeIds: z.array(z.string().max(64)).max(500),
  /** The field's content fingerprint (contentVersion()): a different curriculum is refused. */
  contentVersion: z.string().max(128),
  /** The snapshot under way, as the last answer gave it; absent or null when none is. */
  snapshot: snapshotPosition.nullable().optional(),
});
export const pullResponse = z.object({
  cursor: z.number().int(),
  /** True when more changes wait: pull again from the new cursor. */
  more: z.boolean(),
  /** The KUBEs the field now holds whole: a KUBE whose snapshot is still under way is not among them. */
  kubeIds: z.array(z.string()),
  /** Whether these rows are a snapshot page (stored as one) or changes since the cursor. */
  kind: z.enum(['snapshot', 'changes']),
  /** Where the snapshot goes on from; null when it is finished or none is under way. */
  snapshot: snapshotPosition.nullable(),
  changes: z.array(change),
});

/** POST /api/lapangan/kirim — one batch of the field's change log, from `fromSeq` to `toSeq`. */
export const pushRequest = z.object({
  deviceId: z.string().min(1).max(64),
  at: z.number().int(),
  fromSeq: z.number().int().min(1),
  toSeq: z.number().int().min(1),
  contentVersion: z.string().max(128),
  changes: z.array(change).max(5000),
});
export type PushRequest = z.infer<typeof pushRequest>;

/** A row (or one field of it) the district did not take, with a reason code (schema: SYNC_REFUSAL_REASONS). */
export const refusal = z.object({
  table: z.string(),
  key: z.string(),
  reason: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type Refusal = z.infer<typeof refusal>;

export const pushResponse = z.object({
  /** The field's seq up to which the district has applied everything: the field's outbox is empty up to here. */
  through: z.number().int(),
  /** True when this batch had been applied before (a resend, or a paket lapangan imported first). */
  already: z.boolean(),
  refused: z.array(refusal),
  /**
   * The district's rows after the batch, for every row it did not store exactly as sent (a conflict the district
   * won, a derived column): the field stores them as it stores pulled rows, so both sides agree again.
   */
  rows: z.array(change),
});

/** An error answer of every endpoint: a dictionary key (`sync.error.*`) the field shows in Indonesian. */
export const errorResponse = z.object({ error: z.string() });

/** A paket lapangan: the push batches of a field server in one signed file, for USB or WhatsApp. */
export const PACKAGE_FORMAT = 'kube-berdaya/paket-lapangan' as const;
export const fieldPackage = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(1),
  deviceId: z.string().min(1).max(64),
  createdAt: z.number().int(),
  batches: z.array(pushRequest).max(10_000),
  /** Base64 Ed25519 signature of `canonicalJson` of every other field of the file. */
  signature: z.string().min(1).max(200),
});
export type FieldPackage = z.infer<typeof fieldPackage>;

/** A new device key pair: the private key stays on the field server, the public key goes to the district. */
export function newKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

/** The signature (base64) of `data` with a device's private key. */
export function signWith(privateKey: string, data: string): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(data, 'utf8'), key).toString('base64');
}

/** Whether `signature` is a device's signature of `data`. A malformed key or signature is simply not valid. */
export function verifyWith(publicKey: string, data: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(data, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** JSON with object keys sorted at every level: the same data always gives the same text to sign. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}

/** The text a paket lapangan's signature covers: the file without its signature. */
export const packageSignedText = (file: Omit<FieldPackage, 'signature'>): string =>
  canonicalJson({ ...file, signature: undefined });
