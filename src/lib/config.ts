import { z } from 'astro/zod';

// Every setting the server reads, with its default, defined once here. `npm start` and the scripts check the
// environment with it before anything else happens, so a bad value stops start-up with the variable's name;
// the app reads the same parsed values through `settings.ts`.

/** URL schemes the libSQL client speaks: an embedded file, or a libSQL server (sqld, Turso). */
const SCHEMES = ['file:', 'libsql:', 'http:', 'https:', 'ws:', 'wss:'];

export const DEFAULT_DATABASE_URL = 'file:data/kube-berdaya.db';
/** Where `npm start` (and `astro dev`) listen unless PORT says otherwise. */
export const DEFAULT_PORT = 4321;

const serverConfigSchema = z.object({
  /** Where the database lives; `file:` for the embedded default, `libsql://…` for a server. */
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => SCHEMES.some((scheme) => url.startsWith(scheme)), {
      error: `must start with one of ${SCHEMES.join(' ')} (for example ${DEFAULT_DATABASE_URL})`,
    }),
  /** Token for a libSQL server; not used for `file:` URLs. */
  DATABASE_AUTH_TOKEN: z.string().trim().optional(),
  /** Days a session lives without use before it ends (sliding expiry). */
  SESSION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(1, { error: 'must be between 1 and 365' })
    .max(365, { error: 'must be between 1 and 365' })
    .default(14),
  /** `true` behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  /** How many trusted proxies append to X-Forwarded-For; the client is that many entries from the right. */
  TRUST_PROXY_HOPS: z.coerce
    .number({ error: 'must be a whole number of proxies' })
    .int({ error: 'must be a whole number of proxies' })
    .min(1, { error: 'must be between 1 and 99' })
    .max(99, { error: 'must be between 1 and 99' })
    .default(1),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a port number' })
    .min(1, { error: 'must be 1–65535' })
    .max(65535, { error: 'must be 1–65535' })
    .default(DEFAULT_PORT),
  /** Address to listen on; 0.0.0.0 lets tablets on the same Wi-Fi reach the server. */
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  /** The address people open (behind a proxy, or a fixed name); shown to tablets on the workshop page. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address, e.g. https://kube.example.go.id' })
    .optional(),
});

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type DatabaseConfig = { url: string; authToken?: string };

/** Reads and checks the environment; throws one message naming every bad variable. Empty means unset. */
export function readServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const present = Object.fromEntries(
    Object.keys(serverConfigSchema.shape).map((key) => {
      const value = env[key];
      return [key, value === undefined || value.trim() === '' ? undefined : value];
    }),
  );
  const parsed = serverConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a sign-in lasts without use, in milliseconds. */
export const sessionLifetimeMs = (config: Pick<ServerConfig, 'SESSION_DAYS'>) => config.SESSION_DAYS * DAY_MS;

export function databaseConfig(config: Pick<ServerConfig, 'DATABASE_URL' | 'DATABASE_AUTH_TOKEN'>): DatabaseConfig {
  const { DATABASE_URL: url, DATABASE_AUTH_TOKEN: authToken } = config;
  return authToken === undefined ? { url } : { url, authToken };
}

/** The database settings alone, for scripts and the app's own connection. */
export function readDatabaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
  return databaseConfig(readServerConfig(env));
}
