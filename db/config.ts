import { z } from 'astro/zod';

/** URL schemes the libSQL client speaks: an embedded file, or a libSQL server (sqld, Turso). */
const SCHEMES = ['file:', 'libsql:', 'http:', 'https:', 'ws:', 'wss:'];

export const DEFAULT_DATABASE_URL = 'file:data/kube-berdaya.db';

const databaseConfigSchema = z.object({
  /** Where the database lives; `file:` for the embedded default, `libsql://…` for a server. */
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => SCHEMES.some((scheme) => url.startsWith(scheme)), {
      error: `must start with one of ${SCHEMES.join(' ')} (for example ${DEFAULT_DATABASE_URL})`,
    }),
  /** Token for a libSQL server; not used for `file:` URLs. */
  DATABASE_AUTH_TOKEN: z.string().trim().min(1).optional(),
});

export type DatabaseConfig = { url: string; authToken?: string };

/**
 * Reads the database settings from an environment, failing with a message that names the variable.
 * Empty strings count as unset, as they do in most `.env` files.
 */
export function readDatabaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
  const present = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const parsed = databaseConfigSchema.safeParse({
    DATABASE_URL: present(env['DATABASE_URL']),
    DATABASE_AUTH_TOKEN: present(env['DATABASE_AUTH_TOKEN']),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const { DATABASE_URL: url, DATABASE_AUTH_TOKEN: authToken } = parsed.data;
  return authToken === undefined ? { url } : { url, authToken };
}
