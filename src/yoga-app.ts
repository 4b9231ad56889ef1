import { randomUUID } from 'node:crypto';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { type Authenticate, createAuthenticator } from './auth/authenticate.js';
import { callerOf, defaultAdminApiKeyWeight, weightOf } from './auth/caller.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { defaultViewerPolicy, SendQuota } from './auth/viewer-policy.js';
import type { AdmissionConfig, AuthConfig, HxFacadeConfig } from './config.js';
import { createContext } from './context.js';
import type { EasemobClient } from './easemob/client.js';
import { errorCodes, maskError } from './errors.js';
import { defaultLimits, type GraphQLLimits } from './graphql-limits.js';
import { createHxTokens } from './hx/tokens.js';
import { type Logger, yogaLogging } from './logger.js';
import { createReadiness, easemobReadiness, type HealthOptions, useHealth } from './ops/health.js';
import type { Metrics } from './ops/metrics.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useClientMistakes, useCSRFRefusal } from './plugins/client-mistakes.js';
import { useHxFacade } from './plugins/hx-facade.js';
import { useRateLimitedStatus } from './plugins/rate-limited-status.js';
import { defaultRequestTimeoutMs, useRequestDeadline } from './plugins/request-deadline.js';
import { useUpstreamCallLimit } from './plugins/upstream-call-limit.js';
import { createReadLayer, type ReadLayer } from './reads/reads.js';
import { Realtime } from './realtime/realtime.js';
import { requestScope, sharedReadScope } from './request-scope.js';
import { exampleOperation } from './schema/example.js';
import { schema } from './schema/index.js';

export interface YogaAppOptions {
  easemob: EasemobClient;
  /** Default: open (every caller is admin), which only the embedded emulator may use. */
  auth?: AuthConfig;
  /** GraphiQL, introspection and query cost limits. */
  limits?: Partial<GraphQLLimits>;
  /** Shown in GraphiQL's title, e.g. that this is the demo emulator. */
  title?: string;
  /** Structured logger; silent when absent. */
  logger?: Logger;
  /** Subscriptions' pub/sub and pollers; one polling at the default interval is made when absent. */
  realtime?: Realtime;
  /** `/readyz`'s checks (default: the Easemob client's); `/healthz` and `/readyz` are always on. */
  health?: HealthOptions;
  /** Prometheus metrics and `/metrics` (src/ops/metrics.ts); none when absent. */
  metrics?: Metrics;
  /** The shared read layer (cache, coalescing, cross-request batches); one on the client by default. */
  reads?: ReadLayer;
  /** More yoga plugins, after the built-in ones (tracing, say). */
  plugins?: Plugin[];
  /** Each request's deadline and the admin API keys' share of the Easemob budget. */
  admission?: Partial<AdmissionConfig>;
  /** Origins whose pages may call the API from a browser, exactly as sent in `Origin`; default none. */
  corsOrigins?: string[];
  /** The `/hx/*` facade (off unless `enabled`); `application` names the app in its token answer. */
  hx?: Partial<HxFacadeConfig> & { application?: string };
  /** Failed `issueUserToken` logins per username; one with the default policy when absent. */
  logins?: LoginThrottle;
}

export const openAuth: AuthConfig = { adminApiKeys: [], publicProfiles: true, open: true };

/** The GraphQL app, without listening: tests call `yoga.fetch`, main.ts serves it over HTTP. */
export function createYogaApp(options: YogaAppOptions) {
  const auth = options.auth ?? openAuth;
  const limits = { ...defaultLimits, ...options.limits };
  const viewerPolicy = { ...defaultViewerPolicy, ...auth.viewers };
  const sendQuota = new SendQuota(viewerPolicy.sendsPerMinute);
  const hxTokens = options.hx?.enabled
    ? createHxTokens({
        ttlSeconds: options.hx.tokenTtlSeconds,
        secret: options.hx.tokenSecret,
        jwtSecret: auth.jwt?.secret,
        open: auth.open,
      })
    : undefined;
  const authenticate = logRefusals(createAuthenticator(auth, hxTokens), options.logger);
  const realtime =
    options.realtime ??
    new Realtime(options.easemob, {
      onError: (error) => options.logger?.warn({ error: String(error) }, 'poll failed'),
    });
  const reads = options.reads ?? createReadLayer(options.easemob, sharedReadScope);
  const logins = options.logins ?? new LoginThrottle();
  options.metrics?.watchCircuit(options.easemob.circuit);
  options.metrics?.watchRealtime(realtime);
  options.metrics?.watchReads(reads);
  const readiness = createReadiness(
    options.health?.checks ?? [easemobReadiness(options.easemob)],
    options.health,
  );
  const title = auth.open
    ? `${options.title ?? 'easemob-graphql'} · OPEN DEV MODE: no authentication, every caller is admin`
    : (options.title ?? 'easemob-graphql');
  const admission = {
    requestTimeoutMs: options.admission?.requestTimeoutMs ?? defaultRequestTimeoutMs,
    adminApiKeyWeight: options.admission?.adminApiKeyWeight ?? defaultAdminApiKeyWeight,
  };
  const tooComplex = (_ctx: unknown, error: GraphQLError) => {
    Object.assign(error.extensions, { code: errorCodes.queryTooComplex });
  };

  const corsOrigins = new Set(options.corsOrigins ?? []);

  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    // yoga's default reflects any Origin, with credentials: any page a user visits could call the
    // API as them (in open dev mode, as admin). Same-origin pages (GraphiQL) need no CORS at all.
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin && corsOrigins.has(origin) ? { origin, credentials: true } : false;
    },
    context: async (initial) => {
      const viewer = await authenticate(initial.request);
      // From here on, the Easemob calls of this request spend this caller's share of the budget.
      const scope = requestScope.getStore();
      if (scope) {
        scope.caller = callerOf(viewer, remoteAddress(initial));
        scope.weight = weightOf(viewer, admission.adminApiKeyWeight);
      }
      return createContext(
        options.easemob,
        viewer,
        {
          publicProfiles: auth.publicProfiles,
          viewerPolicy,
          sendQuota,
          limits: { complexity: limits.maxComplexity, depth: limits.maxDepth },
          realtime,
          logins,
          reads,
        },
        // Set once execution starts: the deadline and the caller's disconnection, together.
        () => requestScope.getStore()?.signal,
      );
    },
    graphiql: limits.graphiql ? { title, defaultQuery: exampleOperation } : false,
    // GraphiQL's scripts, styles and editor workers inlined in the page instead of fetched from
    // unpkg.com: it works offline and behind firewalls. Loaded on first use (about 9 MB), so a
    // server with GraphiQL off never loads it.
    renderGraphiQL: async (graphiqlOptions) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiqlOptions),
    landingPage: false,
    maskedErrors: { maskError },
    logging: options.logger ? yogaLogging(options.logger) : false,
    // Our own limit replaces yoga's, which streams every body through a TransformStream.
    maxRequestBodySize: false,
    plugins: [
      // Operations endpoints first: answered before CSRF prevention, authentication or GraphQL.
      useHealth(readiness),
      ...(options.metrics?.plugins ?? []),
      useBodyLimit(limits.maxBodyBytes),
      useRequestId(),
      useRequestDeadline(admission.requestTimeoutMs),
      useRateLimitedStatus(),
      ...(hxTokens
        ? [
            useHxFacade({
              // Each route runs as a GraphQL request of this very app, plugins and all.
              graphql: async (request: Request, context: object): Promise<Response> =>
                yoga.fetch(request, context),
              tokens: hxTokens,
              authenticate,
              maxBodyBytes: limits.maxBodyBytes,
              application: options.hx?.application,
              logger: options.logger,
            }),
          ]
        : []),
      useCSRFRefusal(['x-graphql-yoga-csrf', 'apollo-require-preflight'], options.logger),
      useClientMistakes(options.logger),
      ...(limits.introspection ? [] : [useNoIntrospection()]),
      maxTokensPlugin({ n: limits.maxTokens, onReject: [tooComplex] }),
      maxAliasesPlugin({ n: limits.maxAliases, onReject: [tooComplex] }),
      maxDirectivesPlugin({ n: 50, onReject: [tooComplex] }),
      useUpstreamCallLimit({
        max: limits.maxUpstreamCalls,
        listSizes: { contacts: limits.contactListSize },
      }),
      ...(options.plugins ?? []),
    ],
  });
  return yoga;
}

/**
 * The rule of yoga's useDisableIntrospection, without its HTTP-only switch (it marks requests in
 * onRequestParse, which graphql-ws operations never pass through): introspection is refused over
 * WebSocket too.
 */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** Refused credentials are logged (our reason and code only, never the credential). */
function logRefusals(authenticate: Authenticate, logger: Logger | undefined): Authenticate {
  if (!logger) return authenticate;
  return (request) =>
    authenticate(request).catch((error: unknown) => {
      if (error instanceof GraphQLError) {
        logger.info({ code: error.extensions.code, reason: error.message }, 'credentials refused');
      }
      throw error;
    });
}

/** The client's IP when served over node:http (not through `yoga.fetch`). */
function remoteAddress(initial: object): string | undefined {
  return (initial as { req?: { socket?: { remoteAddress?: string } } }).req?.socket?.remoteAddress;
}

/** Gives each request an id (or keeps the caller's `x-request-id`) and answers with it. */
function useRequestId(): Plugin {
  return {
    instrumentation: {
      request: ({ request }, wrapped) => {
        const given = request.headers.get('x-request-id');
        const requestId = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
        return requestScope.run({ requestId }, wrapped);
      },
    },
    onResponse({ response }) {
      const scope = requestScope.getStore();
      if (scope) response.headers.set('x-request-id', scope.requestId);
    },
  };
}
