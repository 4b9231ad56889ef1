import { z } from 'zod';
import { defaultJwtLifetime } from './auth/authenticate.js';
import { defaultAdminApiKeyWeight } from './auth/caller.js';
import { defaultViewerPolicy } from './auth/viewer-policy.js';
import { defaultCircuitBreakerOptions } from './easemob/circuit-breaker.js';
import { appKeyName } from './easemob/input.js';
import { easemobRateBudgets } from './easemob/rate-budget.js';
import { defaultRetryOptions } from './easemob/retry.js';
import { defaultTransportOptions } from './easemob/transport.js';
import { describeUnknown, unknownVariables } from './env-names.js';
import { defaultLimits } from './graphql-limits.js';
import { httpTimeoutDefaults } from './http-timeouts.js';
import { defaultHxTokenTtlSeconds } from './hx/tokens.js';
import { defaultRequestTimeoutMs } from './plugins/request-deadline.js';
import { defaultMaxUpstreamCalls } from './plugins/upstream-call-limit.js';
import { defaultCacheBounds, defaultCacheTtlMs } from './reads/kinds.js';
import { defaultPollIntervalMs } from './realtime/realtime.js';
import { subscriptionLimitDefaults, watchedCeiling, } from './realtime/subscription-limits.js';
import { webSocketLimitDefaults } from './realtime/websocket.js';
import { defaultListSizes } from './schema/call-cost.js';
/**
 * The environment, parsed once. Everything else sees a typed, nested config and never `process.env`.
 *
 * With no `EASEMOB_*` connection variable set the server runs on the embedded emulator; with some but
 * not all of them it refuses to start, naming what is missing — a half-configured deployment must
 * not silently fall back to fake data.
 */
const blankAsMissing = (value) => typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(blankAsMissing, z.string().trim().optional());
const intInRange = (min, max, fallback) => z.preprocess(blankAsMissing, z.coerce.number().int().min(min).max(max).default(fallback));
const booleanText = z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']))
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const flag = (fallback) => z.preprocess(blankAsMissing, booleanText.default(fallback));
const optionalFlag = z.preprocess(blankAsMissing, booleanText.optional());
// Easemob「用户体系集成 › Appkey 数据结构」: org and app names are lower-case letters, digits and
// "-". They are the first two path segments of every call, so nothing that is or encodes `.`,
// `..` or a separator may pass.
/** `org#app`, each half by the documented AppKey rule. */
const appKey = z.string().refine((key) => {
    const parts = key.split('#');
    return parts.length === 2 && parts.every((part) => appKeyName.safeParse(part).success);
}, 'must look like org#app, each 1-32 characters of a-z, 0-9 or "-" (Easemob AppKey rules)');
const envSchema = z.object({
    EASEMOB_BASE_URL: z.preprocess(blankAsMissing, z
        .url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://a1.easemob.com' })
        .optional()),
    EASEMOB_ORG_NAME: z.preprocess(blankAsMissing, appKeyName.optional()),
    EASEMOB_APP_NAME: z.preprocess(blankAsMissing, appKeyName.optional()),
    EASEMOB_APPKEY: z.preprocess(blankAsMissing, appKey.optional()),
    EASEMOB_CLIENT_ID: optionalText,
    EASEMOB_CLIENT_SECRET: optionalText,
    PORT: intInRange(0, 65535, 4000),
    HOST: z.preprocess(blankAsMissing, z.string().default('127.0.0.1')),
    LOG_LEVEL: z.preprocess(blankAsMissing, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    JWT_SECRET: z.preprocess(blankAsMissing, z.string().min(32, 'must be at least 32 characters (HS256 needs a 256-bit key)').optional()),
    JWT_JWKS_URL: z.preprocess(blankAsMissing, z.url({ protocol: /^https?$/ }).optional()),
    JWT_ISSUER: optionalText,
    JWT_AUDIENCE: optionalText,
    JWT_USERNAME_CLAIM: z.preprocess(blankAsMissing, z.string().default('sub')),
    JWT_ROLES_CLAIM: z.preprocess(blankAsMissing, z.string().default('roles')),
    JWT_ADMIN_ROLE: z.preprocess(blankAsMissing, z.string().default('admin')),
    JWT_REQUIRE_EXP: flag(defaultJwtLifetime.requireExp),
    JWT_MAX_LIFETIME_SECONDS: intInRange(60, 31_536_000, defaultJwtLifetime.maxLifetimeSeconds),
    JWT_CLOCK_SKEW_SECONDS: intInRange(0, 600, defaultJwtLifetime.clockSkewSeconds),
    ADMIN_API_KEYS: z.preprocess(blankAsMissing, z
        .string()
        .transform((s) => s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean))
        .pipe(z.array(z.string().min(24, 'each key must be at least 24 characters')).min(1))
        .optional()),
    PUBLIC_PROFILES: flag(true),
    VIEWER_SEND_TARGET_TYPES: z.preprocess(blankAsMissing, z
        .string()
        .transform((s) => s
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean))
        .pipe(z.array(z.enum(['users', 'chatgroups', 'chatrooms'])).min(1))
        .default(defaultViewerPolicy.sendTargetTypes)),
    VIEWER_SEND_MAX_TARGETS: intInRange(1, 100_000, defaultViewerPolicy.sendMaxTargets),
    VIEWER_SENDS_PER_MINUTE: intInRange(1, 1_000_000, defaultViewerPolicy.sendsPerMinute),
    VIEWER_CONTACTS: z.preprocess(blankAsMissing, z.enum(['self-service', 'admin-only']).default(defaultViewerPolicy.contacts)),
    HX_FACADE: flag(false),
    HX_TOKEN_TTL_SECONDS: intInRange(60, 86_400, defaultHxTokenTtlSeconds),
    HX_TOKEN_SECRET: z.preprocess(blankAsMissing, z.string().min(32, 'must be at least 32 characters (HS256 needs a 256-bit key)').optional()),
    GRAPHIQL: optionalFlag,
    INTROSPECTION: optionalFlag,
    REDIS_URL: z.preprocess(blankAsMissing, z.url({ protocol: /^rediss?$/ }).optional()),
    REDIS_PREFIX: z.preprocess(blankAsMissing, z.string().default('easemob-graphql')),
    // The defaults are the owning modules' own: stated there, once.
    SUBSCRIPTION_POLL_INTERVAL_MS: intInRange(100, 3_600_000, defaultPollIntervalMs),
    MAX_DEPTH: intInRange(1, 100, defaultLimits.maxDepth),
    MAX_COMPLEXITY: intInRange(1, 10_000_000, defaultLimits.maxComplexity),
    MAX_UPSTREAM_CALLS: intInRange(1, 1_000_000, defaultMaxUpstreamCalls),
    COST_CONTACT_LIST_SIZE: intInRange(1, 1_000_000, defaultListSizes.contacts),
    SUBSCRIPTION_MAX_WATCHED: intInRange(1, watchedCeiling, subscriptionLimitDefaults.maxWatched),
    SUBSCRIPTIONS_PER_CONNECTION: intInRange(1, 10_000, subscriptionLimitDefaults.perConnection),
    SUBSCRIPTIONS_PER_CALLER: intInRange(1, 1_000_000, subscriptionLimitDefaults.perCaller),
    SUBSCRIPTION_MAX_WATCHED_TOTAL: intInRange(1, 10_000_000, subscriptionLimitDefaults.maxWatchedTotal),
    MAX_ALIASES: intInRange(0, 1000, defaultLimits.maxAliases),
    MAX_TOKENS: intInRange(10, 1_000_000, defaultLimits.maxTokens),
    MAX_BODY_BYTES: intInRange(1024, 100_000_000, defaultLimits.maxBodyBytes),
    UPSTREAM_TIMEOUT_MS: intInRange(100, 120_000, defaultTransportOptions.timeoutMs),
    UPSTREAM_MAX_CONNECTIONS: intInRange(1, 1024, defaultTransportOptions.maxConnections),
    UPSTREAM_MAX_RETRIES: intInRange(0, 10, defaultRetryOptions.maxRetries),
    UPSTREAM_RETRY_BUDGET_MS: intInRange(0, 300_000, defaultRetryOptions.budgetMs),
    UPSTREAM_RATE_LIMIT_PER_SECOND: intInRange(0, 100_000, easemobRateBudgets.appPerSecond),
    UPSTREAM_MAX_WAIT_MS: intInRange(0, 120_000, easemobRateBudgets.maxWaitMs),
    REQUEST_TIMEOUT_MS: intInRange(100, 600_000, defaultRequestTimeoutMs),
    ADMIN_API_KEY_WEIGHT: intInRange(1, 1000, defaultAdminApiKeyWeight),
    // 0 turns the breaker off; cockatiel's failure-rate breaker takes rates strictly below 1.
    UPSTREAM_CIRCUIT_FAILURE_RATE: z.preprocess(blankAsMissing, z.coerce.number().min(0).lt(1).default(defaultCircuitBreakerOptions.failureRate)),
    UPSTREAM_CIRCUIT_WINDOW_MS: intInRange(1_000, 600_000, defaultCircuitBreakerOptions.windowMs),
    UPSTREAM_CIRCUIT_MIN_CALLS: intInRange(1, 100_000, defaultCircuitBreakerOptions.minCalls),
    UPSTREAM_CIRCUIT_HALF_OPEN_MS: intInRange(100, 600_000, defaultCircuitBreakerOptions.halfOpenAfterMs),
    CACHE: flag(true),
    CACHE_PROFILE_TTL_MS: intInRange(0, 86_400_000, defaultCacheTtlMs.profile),
    CACHE_CONTACTS_TTL_MS: intInRange(0, 86_400_000, defaultCacheTtlMs.contacts),
    CACHE_BLOCKS_TTL_MS: intInRange(0, 86_400_000, defaultCacheTtlMs.blocks),
    CACHE_STATUS_TTL_MS: intInRange(0, 86_400_000, defaultCacheTtlMs.status),
    CACHE_OFFLINE_COUNT_TTL_MS: intInRange(0, 86_400_000, defaultCacheTtlMs.offlineCount),
    CACHE_PRESENCE_TTL_MS: intInRange(0, 86_400_000, defaultCacheTtlMs.presence),
    CACHE_MAX_ENTRIES: intInRange(1, 10_000_000, defaultCacheBounds.maxEntries),
    CACHE_MAX_BYTES: intInRange(1024, 8_000_000_000, defaultCacheBounds.maxBytes),
    WS_MAX_CONNECTIONS: intInRange(1, 1_000_000, webSocketLimitDefaults.maxConnections),
    WS_MAX_CONNECTIONS_PER_ADDRESS: intInRange(0, 1_000_000, webSocketLimitDefaults.maxConnectionsPerAddress),
    WS_CONNECTION_INIT_TIMEOUT_MS: intInRange(100, 60_000, webSocketLimitDefaults.connectionInitTimeoutMs),
    HTTP_HEADERS_TIMEOUT_MS: intInRange(100, 600_000, httpTimeoutDefaults.headersTimeoutMs),
    HTTP_REQUEST_TIMEOUT_MS: intInRange(100, 3_600_000, httpTimeoutDefaults.requestTimeoutMs),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: intInRange(0, 600_000, httpTimeoutDefaults.keepAliveTimeoutMs),
    CORS_ORIGINS: z.preprocess(blankAsMissing, z
        .string()
        .transform((s) => s
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean))
        .pipe(z.array(z
        .string()
        .refine(isOrigin, 'each origin must be scheme://host[:port] with no path, e.g. https://app.example.com')))
        .default([])),
    METRICS: flag(true),
    METRICS_TOKEN: z.preprocess(blankAsMissing, z.string().trim().min(16, 'must be at least 16 characters').optional()),
    // OpenTelemetry's own variables; the exporter reads the rest of OTEL_EXPORTER_OTLP_* itself.
    OTEL_SDK_DISABLED: optionalFlag,
    OTEL_TRACES_EXPORTER: z.preprocess(blankAsMissing, z
        .string()
        .transform((s) => s
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean))
        .pipe(z.array(z.enum(['otlp', 'console', 'none'])))
        .optional()),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(blankAsMissing, z.url({ protocol: /^https?$/ }).optional()),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess(blankAsMissing, z.url({ protocol: /^https?$/ }).optional()),
    NODE_ENV: optionalText,
    ALLOW_EMBEDDED_EMULATOR: flag(false),
    STRICT_ENV: flag(false),
    STARTUP_TOKEN_TIMEOUT_MS: intInRange(100, 120_000, 5000),
    SHUTDOWN_TIMEOUT_MS: intInRange(0, 600_000, 8000),
});
/** Every variable `loadConfig` reads (the unknown-variable check compares names against these). */
export const configVariables = Object.keys(envSchema.shape);
/** Variables that look like ours but are not (`LOG_LEVLE`, `EASMOB_APP_NAME`), with the closest. */
export function unknownVariableNames(env) {
    return unknownVariables(Object.keys(env), configVariables);
}
export class ConfigError extends Error {
    name = 'ConfigError';
}
export function loadConfig(env = process.env, runtime = { tty: false }) {
    const parsed = envSchema.safeParse(env);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
        throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
    }
    const e = parsed.data;
    if (e.STRICT_ENV) {
        const unknown = unknownVariableNames(env);
        if (unknown.length > 0) {
            throw new ConfigError(`invalid configuration (STRICT_ENV): ${unknown.map(describeUnknown).join('; ')}`);
        }
    }
    const easemob = resolveEasemob(e);
    if (easemob.mode === 'emulator')
        refuseEmulatorOutsideDev(e, env, runtime);
    const dev = easemob.mode === 'emulator';
    if (!dev)
        refuseOpenMetricsInProduction(e);
    return {
        server: {
            host: e.HOST,
            port: e.PORT,
            logLevel: e.LOG_LEVEL,
            shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
            startupTokenTimeoutMs: e.STARTUP_TOKEN_TIMEOUT_MS,
            timeouts: resolveHttpTimeouts(e),
            corsOrigins: e.CORS_ORIGINS,
        },
        easemob,
        realtime: {
            pollIntervalMs: e.SUBSCRIPTION_POLL_INTERVAL_MS,
            subscriptions: {
                maxWatched: e.SUBSCRIPTION_MAX_WATCHED,
                perConnection: e.SUBSCRIPTIONS_PER_CONNECTION,
                perCaller: e.SUBSCRIPTIONS_PER_CALLER,
                maxWatchedTotal: e.SUBSCRIPTION_MAX_WATCHED_TOTAL,
            },
            websocket: {
                maxConnections: e.WS_MAX_CONNECTIONS,
                maxConnectionsPerAddress: e.WS_MAX_CONNECTIONS_PER_ADDRESS,
                connectionInitTimeoutMs: e.WS_CONNECTION_INIT_TIMEOUT_MS,
            },
        },
        redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
        auth: resolveAuth(e, dev),
        graphql: {
            graphiql: e.GRAPHIQL ?? dev,
            introspection: e.INTROSPECTION ?? dev,
            maxDepth: e.MAX_DEPTH,
            maxComplexity: e.MAX_COMPLEXITY,
            maxUpstreamCalls: e.MAX_UPSTREAM_CALLS,
            contactListSize: e.COST_CONTACT_LIST_SIZE,
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
            circuitFailureRate: e.UPSTREAM_CIRCUIT_FAILURE_RATE,
            circuitWindowMs: e.UPSTREAM_CIRCUIT_WINDOW_MS,
            circuitMinCalls: e.UPSTREAM_CIRCUIT_MIN_CALLS,
            circuitHalfOpenMs: e.UPSTREAM_CIRCUIT_HALF_OPEN_MS,
        },
        cache: resolveCache(e),
        admission: {
            requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
            adminApiKeyWeight: e.ADMIN_API_KEY_WEIGHT,
        },
        hx: {
            enabled: e.HX_FACADE,
            tokenTtlSeconds: e.HX_TOKEN_TTL_SECONDS,
            tokenSecret: e.HX_TOKEN_SECRET,
        },
        observability: {
            metrics: { enabled: e.METRICS, token: e.METRICS_TOKEN },
            tracing: resolveTracing(e),
        },
    };
}
/** CACHE=false turns every kind off; each kind's TTL alone otherwise. */
function resolveCache(e) {
    const ttl = (ms) => (e.CACHE ? ms : 0);
    return {
        ttlMs: {
            profile: ttl(e.CACHE_PROFILE_TTL_MS),
            contacts: ttl(e.CACHE_CONTACTS_TTL_MS),
            blocks: ttl(e.CACHE_BLOCKS_TTL_MS),
            status: ttl(e.CACHE_STATUS_TTL_MS),
            offlineCount: ttl(e.CACHE_OFFLINE_COUNT_TTL_MS),
            presence: ttl(e.CACHE_PRESENCE_TTL_MS),
        },
        maxEntries: e.CACHE_MAX_ENTRIES,
        maxBytes: e.CACHE_MAX_BYTES,
    };
}
/**
 * On with OTEL_TRACES_EXPORTER=otlp|console (comma-separated for both), or with an OTLP endpoint
 * set and no exporter named; off with OTEL_TRACES_EXPORTER=none, OTEL_SDK_DISABLED=true or nothing.
 */
function resolveTracing(e) {
    if (e.OTEL_SDK_DISABLED)
        return undefined;
    const named = e.OTEL_TRACES_EXPORTER;
    const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT;
    const exporters = named ?? (endpoint ? ['otlp'] : []);
    const chosen = [...new Set(exporters.filter((name) => name !== 'none'))];
    return chosen.length > 0 ? { exporters: chosen } : undefined;
}
/**
 * Fail closed: the embedded emulator (demo data, every caller admin) is for a developer's laptop.
 * It runs only when NODE_ENV is not `production` and either stdout is a terminal or HOST is a
 * loopback address — so a deployment whose env file was forgotten, or whose `EASEMOB_*` names are
 * all misspelt, stops instead of serving fake data to the network. ALLOW_EMBEDDED_EMULATOR=true
 * overrides it for a deliberate demo (the container try-out).
 */
function refuseEmulatorOutsideDev(e, env, runtime) {
    if (e.ALLOW_EMBEDDED_EMULATOR)
        return;
    const production = e.NODE_ENV === 'production';
    if (!production && (runtime.tty || isLoopback(e.HOST)))
        return;
    const why = production
        ? 'NODE_ENV is production'
        : `HOST ${e.HOST} is not a loopback address and stdout is not a terminal`;
    const misspelt = unknownVariableNames(env)
        .filter((u) => u.closest?.startsWith('EASEMOB_'))
        .map(describeUnknown);
    throw new ConfigError(`refusing to start on the embedded demo emulator (${why}): set EASEMOB_BASE_URL, EASEMOB_ORG_NAME and EASEMOB_APP_NAME (or EASEMOB_APPKEY), EASEMOB_CLIENT_ID, EASEMOB_CLIENT_SECRET and ADMIN_API_KEYS (or JWT_SECRET, JWT_JWKS_URL) to use your Easemob app, or ALLOW_EMBEDDED_EMULATOR=true for a demo${misspelt.length ? `; ${misspelt.join('; ')}` : ''}`);
}
/**
 * Fail closed: `/metrics` tells anyone who can reach the port the operation names, the error
 * rates and the Easemob endpoints in use. In production, with a real Easemob, it is on only behind
 * METRICS_TOKEN. (The embedded emulator's demo is open to every caller as admin anyway.)
 */
function refuseOpenMetricsInProduction(e) {
    if (e.NODE_ENV !== 'production' || !e.METRICS || e.METRICS_TOKEN)
        return;
    throw new ConfigError('refusing to start: METRICS is on in production without METRICS_TOKEN, so /metrics would be open to anyone who reaches the port; set METRICS_TOKEN (at least 16 characters) for the scraper to send as a bearer token, or METRICS=false');
}
/**
 * The request timeout is the whole request's, body included: it must leave the request deadline
 * (REQUEST_TIMEOUT_MS) its time, so that an operation's own REQUEST_TIMEOUT answers first; and
 * node:http refuses a headers timeout longer than the request timeout.
 */
function resolveHttpTimeouts(e) {
    if (e.HTTP_REQUEST_TIMEOUT_MS <= e.REQUEST_TIMEOUT_MS) {
        throw new ConfigError(`invalid configuration: HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS}) must exceed REQUEST_TIMEOUT_MS (${e.REQUEST_TIMEOUT_MS}), so that a request's own deadline answers first`);
    }
    if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
        throw new ConfigError(`invalid configuration: HTTP_HEADERS_TIMEOUT_MS (${e.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS})`);
    }
    return {
        headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    };
}
/** `https://app.example.com`, `http://localhost:5173`: what a browser sends as `Origin`. */
function isOrigin(value) {
    try {
        const url = new URL(value);
        return /^https?:$/.test(url.protocol) && url.origin === value;
    }
    catch {
        return false;
    }
}
/** `localhost`, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). */
export function isLoopback(host) {
    const h = host.toLowerCase().replace(/^\[|\]$/g, '');
    if (h === 'localhost' || h === '::1')
        return true;
    return /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
function resolveAuth(e, dev) {
    if (e.JWT_SECRET && e.JWT_JWKS_URL) {
        throw new ConfigError('invalid configuration: set JWT_SECRET or JWT_JWKS_URL, not both');
    }
    const jwt = e.JWT_SECRET || e.JWT_JWKS_URL
        ? {
            secret: e.JWT_SECRET,
            jwksUrl: e.JWT_JWKS_URL,
            issuer: e.JWT_ISSUER,
            audience: e.JWT_AUDIENCE,
            usernameClaim: e.JWT_USERNAME_CLAIM,
            rolesClaim: e.JWT_ROLES_CLAIM,
            adminRole: e.JWT_ADMIN_ROLE,
            lifetime: {
                requireExp: e.JWT_REQUIRE_EXP,
                maxLifetimeSeconds: e.JWT_MAX_LIFETIME_SECONDS,
                clockSkewSeconds: e.JWT_CLOCK_SKEW_SECONDS,
            },
        }
        : undefined;
    const adminApiKeys = e.ADMIN_API_KEYS ?? [];
    const configured = jwt !== undefined || adminApiKeys.length > 0;
    // Fail closed: a real Easemob behind an open API would hand its admin powers to anyone.
    if (!configured && !dev) {
        throw new ConfigError('refusing to start: real Easemob credentials are configured but no authentication is; set JWT_SECRET, JWT_JWKS_URL or ADMIN_API_KEYS');
    }
    return {
        jwt,
        adminApiKeys,
        publicProfiles: e.PUBLIC_PROFILES,
        viewers: {
            sendTargetTypes: e.VIEWER_SEND_TARGET_TYPES,
            sendMaxTargets: e.VIEWER_SEND_MAX_TARGETS,
            sendsPerMinute: e.VIEWER_SENDS_PER_MINUTE,
            contacts: e.VIEWER_CONTACTS,
        },
        open: !configured,
    };
}
function resolveEasemob(e) {
    const [keyOrg, keyApp] = e.EASEMOB_APPKEY?.split('#') ?? [];
    if (e.EASEMOB_APPKEY && (e.EASEMOB_ORG_NAME || e.EASEMOB_APP_NAME)) {
        const clash = (e.EASEMOB_ORG_NAME && e.EASEMOB_ORG_NAME !== keyOrg) ||
            (e.EASEMOB_APP_NAME && e.EASEMOB_APP_NAME !== keyApp);
        if (clash) {
            throw new ConfigError('invalid configuration: EASEMOB_APPKEY disagrees with EASEMOB_ORG_NAME/EASEMOB_APP_NAME; set one or the other');
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
        .map(([name]) => name === 'EASEMOB_ORG_NAME' || name === 'EASEMOB_APP_NAME'
        ? `${name} (or EASEMOB_APPKEY)`
        : name);
    if (missing.length === Object.keys(given).length)
        return { mode: 'emulator' };
    if (missing.length > 0) {
        throw new ConfigError(`incomplete Easemob configuration: missing ${missing.join(', ')} (set all of them to use a real Easemob, or none to use the embedded emulator)`);
    }
    return {
        mode: 'remote',
        baseUrl: given.EASEMOB_BASE_URL.replace(/\/+$/, ''),
        orgName: given.EASEMOB_ORG_NAME,
        appName: given.EASEMOB_APP_NAME,
        clientId: given.EASEMOB_CLIENT_ID,
        clientSecret: given.EASEMOB_CLIENT_SECRET,
    };
}
//# sourceMappingURL=config.js.map