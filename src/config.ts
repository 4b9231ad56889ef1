import { z } from 'zod';

/**
 * The environment, parsed once. Everything else sees a typed, nested config and never `process.env`.
 *
 * With no `EASEMOB_*` connection variable set the server runs on the embedded emulator; with some but
 * not all of them it refuses to start, naming what is missing — a half-configured deployment must
 * not silently fall back to fake data.
 */

const blankAsMissing = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalText = z.preprocess(blankAsMissing, z.string().trim().optional());

const intInRange = (min: number, max: number, fallback: number) =>
  z.preprocess(blankAsMissing, z.coerce.number().int().min(min).max(max).default(fallback));

const nameRule = /^[A-Za-z0-9_-]{1,64}$/;

const envSchema = z.object({
  EASEMOB_BASE_URL: z.preprocess(
    blankAsMissing,
    z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://a1.easemob.com' })
      .optional(),
  ),
  EASEMOB_ORG_NAME: z.preprocess(
    blankAsMissing,
    z.string().regex(nameRule, 'letters, digits, "-" and "_" only').optional(),
  ),
  EASEMOB_APP_NAME: z.preprocess(
    blankAsMissing,
    z.string().regex(nameRule, 'letters, digits, "-" and "_" only').optional(),
  ),
  EASEMOB_APPKEY: z.preprocess(
    blankAsMissing,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}#[A-Za-z0-9_-]{1,64}$/, 'must look like org#app')
      .optional(),
  ),
  EASEMOB_CLIENT_ID: optionalText,
  EASEMOB_CLIENT_SECRET: optionalText,
  PORT: intInRange(0, 65535, 4000),
  HOST: z.preprocess(blankAsMissing, z.string().default('127.0.0.1')),
  LOG_LEVEL: z.preprocess(
    blankAsMissing,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  UPSTREAM_TIMEOUT_MS: intInRange(100, 120_000, 10_000),
  UPSTREAM_MAX_CONNECTIONS: intInRange(1, 1024, 32),
  UPSTREAM_MAX_RETRIES: intInRange(0, 10, 3),
  UPSTREAM_RETRY_BUDGET_MS: intInRange(0, 300_000, 15_000),
  UPSTREAM_RATE_LIMIT_PER_SECOND: intInRange(1, 100_000, 100),
});

export interface EasemobConnection {
  baseUrl: string;
  orgName: string;
  appName: string;
  clientId: string;
  clientSecret: string;
}

export interface UpstreamTuning {
  timeoutMs: number;
  maxConnections: number;
  maxRetries: number;
  retryBudgetMs: number;
  appRatePerSecond: number;
}

export interface Config {
  server: { host: string; port: number; logLevel: string };
  /** `emulator`: no Easemob configured, run the embedded one. `remote`: talk to a real Easemob. */
  easemob: { mode: 'emulator' } | ({ mode: 'remote' } & EasemobConnection);
  upstream: UpstreamTuning;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    server: { host: e.HOST, port: e.PORT, logLevel: e.LOG_LEVEL },
    easemob: resolveEasemob(e),
    upstream: {
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      maxConnections: e.UPSTREAM_MAX_CONNECTIONS,
      maxRetries: e.UPSTREAM_MAX_RETRIES,
      retryBudgetMs: e.UPSTREAM_RETRY_BUDGET_MS,
      appRatePerSecond: e.UPSTREAM_RATE_LIMIT_PER_SECOND,
    },
  };
}

function resolveEasemob(e: z.infer<typeof envSchema>): Config['easemob'] {
  const [keyOrg, keyApp] = e.EASEMOB_APPKEY?.split('#') ?? [];
  if (e.EASEMOB_APPKEY && (e.EASEMOB_ORG_NAME || e.EASEMOB_APP_NAME)) {
    const clash =
      (e.EASEMOB_ORG_NAME && e.EASEMOB_ORG_NAME !== keyOrg) ||
      (e.EASEMOB_APP_NAME && e.EASEMOB_APP_NAME !== keyApp);
    if (clash) {
      throw new ConfigError(
        'invalid configuration: EASEMOB_APPKEY disagrees with EASEMOB_ORG_NAME/EASEMOB_APP_NAME; set one or the other',
      );
    }
  }
  const given = {
    EASEMOB_BASE_URL: e.EASEMOB_BASE_URL,
    EASEMOB_ORG_NAME: e.EASEMOB_ORG_NAME ?? keyOrg,
    EASEMOB_APP_NAME: e.EASEMOB_APP_NAME ?? keyApp,
    EASEMOB_CLIENT_ID: e.EASEMOB_CLIENT_ID,
    EASEMOB_CLIENT_SECRET: e.EASEMOB_CLIENT_SECRET,
  };
  const missing = Object.entries(given)
    .filter(([, value]) => value === undefined)
    .map(([name]) =>
      name === 'EASEMOB_ORG_NAME' || name === 'EASEMOB_APP_NAME'
        ? `${name} (or EASEMOB_APPKEY)`
        : name,
    );
  if (missing.length === Object.keys(given).length) return { mode: 'emulator' };
  if (missing.length > 0) {
    throw new ConfigError(
      `incomplete Easemob configuration: missing ${missing.join(', ')} (set all of them to use a real Easemob, or none to use the embedded emulator)`,
    );
  }
  return {
    mode: 'remote',
    baseUrl: given.EASEMOB_BASE_URL!.replace(/\/+$/, ''),
    orgName: given.EASEMOB_ORG_NAME!,
    appName: given.EASEMOB_APP_NAME!,
    clientId: given.EASEMOB_CLIENT_ID!,
    clientSecret: given.EASEMOB_CLIENT_SECRET!,
  };
}
