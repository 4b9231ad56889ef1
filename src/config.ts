import { z } from 'zod';
import { defaultAdminApiKeyWeight } from './auth/caller.js';
import { easemobRateBudgets } from './easemob/rate-budget.js';
import { defaultRequestTimeoutMs } from './plugins/request-deadline.js';

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

const booleanText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']))
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const flag = (fallback: boolean) => z.preprocess(blankAsMissing, booleanText.default(fallback));
const optionalFlag = z.preprocess(blankAsMissing, booleanText.optional());

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
  JWT_SECRET: z.preprocess(
    blankAsMissing,
    z.string().min(32, 'must be at least 32 characters (HS256 needs a 256-bit key)').optional(),
  ),
  JWT_JWKS_URL: z.preprocess(blankAsMissing, z.url({ protocol: /^https?$/ }).optional()),
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  JWT_USERNAME_CLAIM: z.preprocess(blankAsMissing, z.string().default('sub')),
  JWT_ROLES_CLAIM: z.preprocess(blankAsMissing, z.string().default('roles')),
  JWT_ADMIN_ROLE: z.preprocess(blankAsMissing, z.string().default('admin')),
  ADMIN_API_KEYS: z.preprocess(
    blankAsMissing,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().min(24, 'each key must be at least 24 characters')).min(1))
      .optional(),
  ),
  PUBLIC_PROFILES: flag(true),
  GRAPHIQL: optionalFlag,
  INTROSPECTION: optionalFlag,
  REDIS_URL: z.preprocess(blankAsMissing, z.url({ protocol: /^rediss?$/ }).optional()),
  REDIS_PREFIX: z.preprocess(blankAsMissing, z.string().default('easemob-graphql')),
  SUBSCRIPTION_POLL_INTERVAL_MS: intInRange(100, 3_600_000, 5000),
  MAX_DEPTH: intInRange(1, 100, 8),
  MAX_COMPLEXITY: intInRange(1, 10_000_000, 5000),
  MAX_ALIASES: intInRange(0, 1000, 20),
  MAX_TOKENS: intInRange(10, 1_000_000, 2000),
  MAX_BODY_BYTES: intInRange(1024, 100_000_000, 1_000_000),
  UPSTREAM_TIMEOUT_MS: intInRange(100, 120_000, 10_000),
  UPSTREAM_MAX_CONNECTIONS: intInRange(1, 1024, 32),
  UPSTREAM_MAX_RETRIES: intInRange(0, 10, 3),
  UPSTREAM_RETRY_BUDGET_MS: intInRange(0, 300_000, 15_000),
  UPSTREAM_RATE_LIMIT_PER_SECOND: intInRange(0, 100_000, 100),
  UPSTREAM_MAX_WAIT_MS: intInRange(0, 120_000, easemobRateBudgets.maxWaitMs),
  REQUEST_TIMEOUT_MS: intInRange(100, 600_000, defaultRequestTimeoutMs),
  ADMIN_API_KEY_WEIGHT: intInRange(1, 1000, defaultAdminApiKeyWeight),
  UPSTREAM_CIRCUIT_FAILURES: intInRange(0, 1000, 10),
  UPSTREAM_CIRCUIT_HALF_OPEN_MS: intInRange(100, 600_000, 5000),
  METRICS: flag(true),
  METRICS_TOKEN: z.preprocess(
    blankAsMissing,
    z.string().trim().min(16, 'must be at least 16 characters').optional(),
  ),
  // OpenTelemetry's own variables; the exporter reads the rest of OTEL_EXPORTER_OTLP_* itself.
  OTEL_SDK_DISABLED: optionalFlag,
  OTEL_TRACES_EXPORTER: z.preprocess(
    blankAsMissing,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(['otlp', 'console', 'none'])))
      .optional(),
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    blankAsMissing,
    z.url({ protocol: /^https?$/ }).optional(),
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess(
    blankAsMissing,
    z.url({ protocol: /^https?$/ }).optional(),
  ),
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
  /** Longest a call waits for the rate budget before it is refused (RATE_LIMITED). */
  maxWaitMs: number;
  /** Attempts failing in a row that open the circuit breaker; 0 turns it off. */
  circuitFailures: number;
  circuitHalfOpenMs: number;
}

export interface AuthConfig {
  jwt?: {
    secret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    usernameClaim: string;
    rolesClaim: string;
    adminRole: string;
  };
  adminApiKeys: string[];
  /** Viewers may read other users' public profile fields and status. */
  publicProfiles: boolean;
  /** No authentication configured on the embedded emulator: every caller acts as admin. */
  open: boolean;
}

export interface GraphQLLimits {
  graphiql: boolean;
  introspection: boolean;
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  maxTokens: number;
  /** Request bodies larger than this are refused with 413. */
  maxBodyBytes: number;
}

/** Who waits how long for what: see README, "The call budget: admission control". */
export interface AdmissionConfig {
  /** Every query and mutation ends this long after it arrived: no Easemob call starts later. */
  requestTimeoutMs: number;
  /** Admin API keys' share of a saturated budget, against 1 for everyone else. */
  adminApiKeyWeight: number;
}

export interface ObservabilityConfig {
  /** Prometheus `/metrics`; with a token, scrapers must send `Authorization: Bearer <token>`. */
  metrics: { enabled: boolean; token?: string };
  /** OpenTelemetry traces; absent when off (nothing of OpenTelemetry is then loaded). */
  tracing?: { exporters: ('otlp' | 'console')[] };
}

export interface Config {
  server: { host: string; port: number; logLevel: string };
  /** Subscriptions poll Easemob for status and presence this often. */
  realtime: { pollIntervalMs: number };
  /** Several instances share the token and subscription events through this Redis. */
  redis?: { url: string; prefix: string };
  auth: AuthConfig;
  graphql: GraphQLLimits;
  /** `emulator`: no Easemob configured, run the embedded one. `remote`: talk to a real Easemob. */
  easemob: { mode: 'emulator' } | ({ mode: 'remote' } & EasemobConnection);
  upstream: UpstreamTuning;
  admission: AdmissionConfig;
  observability: ObservabilityConfig;
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
  const easemob = resolveEasemob(e);
  const dev = easemob.mode === 'emulator';
  return {
    server: { host: e.HOST, port: e.PORT, logLevel: e.LOG_LEVEL },
    easemob,
    realtime: { pollIntervalMs: e.SUBSCRIPTION_POLL_INTERVAL_MS },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    auth: resolveAuth(e, dev),
    graphql: {
      graphiql: e.GRAPHIQL ?? dev,
      introspection: e.INTROSPECTION ?? dev,
      maxDepth: e.MAX_DEPTH,
      maxComplexity: e.MAX_COMPLEXITY,
      maxAliases: e.MAX_ALIASES,
      maxTokens: e.MAX_TOKENS,
      maxBodyBytes: e.MAX_BODY_BYTES,
    },
    upstream: {
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      maxConnections: e.UPSTREAM_MAX_CONNECTIONS,
      maxRetries: e.UPSTREAM_MAX_RETRIES,
      retryBudgetMs: e.UPSTREAM_RETRY_BUDGET_MS,
      appRatePerSecond: e.UPSTREAM_RATE_LIMIT_PER_SECOND,
      maxWaitMs: e.UPSTREAM_MAX_WAIT_MS,
      circuitFailures: e.UPSTREAM_CIRCUIT_FAILURES,
      circuitHalfOpenMs: e.UPSTREAM_CIRCUIT_HALF_OPEN_MS,
    },
    admission: {
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      adminApiKeyWeight: e.ADMIN_API_KEY_WEIGHT,
    },
    observability: {
      metrics: { enabled: e.METRICS, token: e.METRICS_TOKEN },
      tracing: resolveTracing(e),
    },
  };
}

/**
 * On with OTEL_TRACES_EXPORTER=otlp|console (comma-separated for both), or with an OTLP endpoint
 * set and no exporter named; off with OTEL_TRACES_EXPORTER=none, OTEL_SDK_DISABLED=true or nothing.
 */
function resolveTracing(e: z.infer<typeof envSchema>): ObservabilityConfig['tracing'] {
  if (e.OTEL_SDK_DISABLED) return undefined;
  const named = e.OTEL_TRACES_EXPORTER;
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT;
  const exporters = named ?? (endpoint ? ['otlp' as const] : []);
  const chosen = [...new Set(exporters.filter((name) => name !== 'none'))];
  return chosen.length > 0 ? { exporters: chosen } : undefined;
}

function resolveAuth(e: z.infer<typeof envSchema>, dev: boolean): AuthConfig {
  if (e.JWT_SECRET && e.JWT_JWKS_URL) {
    throw new ConfigError('invalid configuration: set JWT_SECRET or JWT_JWKS_URL, not both');
  }
  const jwt =
    e.JWT_SECRET || e.JWT_JWKS_URL
      ? {
          secret: e.JWT_SECRET,
          jwksUrl: e.JWT_JWKS_URL,
          issuer: e.JWT_ISSUER,
          audience: e.JWT_AUDIENCE,
          usernameClaim: e.JWT_USERNAME_CLAIM,
          rolesClaim: e.JWT_ROLES_CLAIM,
          adminRole: e.JWT_ADMIN_ROLE,
        }
      : undefined;
  const adminApiKeys = e.ADMIN_API_KEYS ?? [];
  const configured = jwt !== undefined || adminApiKeys.length > 0;
  // Fail closed: a real Easemob behind an open API would hand its admin powers to anyone.
  if (!configured && !dev) {
    throw new ConfigError(
      'refusing to start: real Easemob credentials are configured but no authentication is; set JWT_SECRET, JWT_JWKS_URL or ADMIN_API_KEYS',
    );
  }
  return { jwt, adminApiKeys, publicProfiles: e.PUBLIC_PROFILES, open: !configured };
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
