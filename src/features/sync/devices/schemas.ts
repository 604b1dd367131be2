import { z } from 'astro/zod';
import { recordId } from '../../../lib/forms.ts';

// The inputs of the device screens. Messages are dictionary keys (see src/lib/forms.ts).

/** Revoking a device; `confirm=1` comes only from the confirmation box, so a bare click cannot revoke. */
export const revokeInput = z.object({
  deviceId: recordId(),
  confirm: z.literal('1', { error: 'perangkat.revoke.confirmFirst' }),
});
export type RevokeInput = z.infer<typeof revokeInput>;

/**
 * The largest paket lapangan read. A week of workshops is well under a megabyte; the server's own body limit
 * (scripts/server.ts LIMITS.bodyBytes) is smaller still and refuses a bigger upload before it gets here.
 */
export const PACKAGE_MAX_BYTES = 20 * 1024 * 1024;

/** A paket lapangan uploaded from the device screens: a file, not too large; its content is judged by the import. */
export const importInput = z.object({
  package: z
    .instanceof(File, { error: 'perangkat.import.chooseFile' })
    .refine((file) => file.size > 0, 'perangkat.import.chooseFile')
    .refine((file) => file.size <= PACKAGE_MAX_BYTES, {
      error: 'perangkat.import.tooLarge',
      params: { megabytes: PACKAGE_MAX_BYTES / 1024 / 1024 },
    }),
});
export type ImportInput = z.infer<typeof importInput>;
