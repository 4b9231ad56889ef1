/**
 * Hive Gateway's configuration for this API as the subgraph `easemob`: read by `npm run gateway`
 * (scripts/gateway.ts) and, unchanged, by the Hive Gateway CLI, which loads gateway.config.ts
 * from its working directory.
 */
import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';

export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, subgraphName }) =>
      subgraphName === 'easemob'
        ? {
            // This API authorizes every request itself: the caller's credentials, not the gateway's.
            authorization: request?.headers.get('authorization') ?? undefined,
            // The gateway sends subscriptions as `GET` + `accept: text/event-stream`, a request a
            // browser could send cross-site without a preflight, so this API's CSRF prevention
            // refuses it unless it carries a custom header. A browser cannot add one without a
            // preflight, so naming the gateway here weakens nothing.
            'x-graphql-yoga-csrf': 'hive-gateway',
          }
        : {},
  },
} satisfies Partial<GatewayConfigBase<Record<string, unknown>>>;
