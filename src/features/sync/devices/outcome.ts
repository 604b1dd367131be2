// The outcome of an upload travels in the address of the redirect after it (post/redirect/get), so a reload
// shows it again without uploading twice. The refused rows themselves are stored and listed below it.

/** What an upload did: batches in the file, newly applied, already in before; rows refused. */
export type ImportCounts = { batches: number; applied: number; already: number; refused: number };

const PARAMS = { batches: 'kiriman', applied: 'baru', already: 'sudah', refused: 'ditolak' } as const;

/** The address to come back to after an upload, e.g. `/perangkat?diunggah=1&kiriman=2&baru=1…#hasil`. */
export function importedUrl(path: string, counts: ImportCounts): string {
  const query = new URLSearchParams({ diunggah: '1' });
  for (const [field, name] of Object.entries(PARAMS)) query.set(name, String(counts[field as keyof ImportCounts]));
  return `${path}?${query.toString()}#hasil`;
}

/** The counts in the address, or null when it names no upload (or was typed wrong). */
export function importedCounts(params: URLSearchParams): ImportCounts | null {
  if (!params.has('diunggah')) return null;
  const read = (name: string) => {
    const value = params.get(name) ?? '';
    return /^\d{1,9}$/.test(value) ? Number(value) : null;
  };
  const counts = {
    batches: read(PARAMS.batches),
    applied: read(PARAMS.applied),
    already: read(PARAMS.already),
    refused: read(PARAMS.refused),
  };
  const { batches, applied, already, refused } = counts;
  if (batches === null || applied === null || already === null || refused === null) return null;
  return { batches, applied, already, refused };
}
