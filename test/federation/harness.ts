import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterEach } from 'vitest';
import { gatewayConfig } from '../../gateway.config.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { Realtime } from '../../src/realtime/realtime.js';
import { createYogaApp, type YogaAppOptions } from '../../src/yoga-app.js';
import { startHarness } from '../support/easemob.js';
import { type JsonResponse, postJson } from '../support/http.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // The gateway first, then the subgraphs it talks to.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Serves `handler` on an ephemeral port of 127.0.0.1 until the test ends. */
export async function listen(handler: RequestListener): Promise<string> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/**
 * A second subgraph, as another team would write it: orders with a buyer, and `orders` added to
 * this API's `User` entity. `orders(count)` has buyer i = `buyers[i % buyers.length]`.
 */
export const ordersTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Order {
    id: ID!
    buyer: User!
  }

  type User @key(fields: "username") {
    username: String!
    orders: [Order!]!
  }

  type Query {
    orders(count: Int): [Order!]!
  }
`);

export function ordersSubgraph(buyers: string[]) {
  const order = (i: number) => ({
    id: `order-${i}`,
    buyer: { username: buyers[i % buyers.length] },
  });
  const schema = buildSubgraphSchema({
    typeDefs: ordersTypeDefs,
    resolvers: {
      Query: {
        orders: (_root: unknown, args: { count?: number | null }) =>
          Array.from({ length: args.count ?? 10 }, (_, i) => order(i)),
      },
      User: {
        __resolveReference: (user: { username: string }) => user,
        orders: (user: { username: string }) => [
          { id: `${user.username}-1`, buyer: user },
          { id: `${user.username}-2`, buyer: user },
        ],
      },
    },
  });
  return createYoga({ schema, logging: false });
}

export interface Federation {
  emulator: Awaited<ReturnType<typeof startHarness>>['emulator'];
  /** This API, served on its own port. */
  subgraphUrl: string;
  /** This API's subscriptions (polling every 100 ms). */
  realtime: Realtime;
  gatewayUrl: string;
  /** A JSON POST to the gateway. */
  query(query: string, headers?: Record<string, string>): Promise<JsonResponse>;
}

/**
 * This API over an emulator, the orders subgraph, and Hive Gateway serving their composition; all
 * on real ports. The gateway runs with README's gateway.config.ts, or with no header propagation
 * at all (neither `Authorization` nor the CSRF header) when `forwardAuthorization` is false.
 */
export async function startFederation(
  options: {
    emulator?: EmulatorOptions;
    server?: Omit<YogaAppOptions, 'easemob'>;
    buyers?: string[];
    forwardAuthorization?: boolean;
  } = {},
): Promise<Federation> {
  const { emulator, client } = await startHarness({ emulator: options.emulator });
  const realtime = new Realtime(client, { pollIntervalMs: 100 });
  cleanups.push(async () => realtime.close());
  const subgraphUrl = await listen(createYogaApp({ easemob: client, realtime, ...options.server }));
  const ordersUrl = await listen(ordersSubgraph(options.buyers ?? ['alice']));

  const sdl = await postJson(subgraphUrl, { query: '{ _service { sdl } }' });
  const composed = composeServices([
    { name: 'easemob', url: subgraphUrl, typeDefs: parse(sdl.body.data._service.sdl) },
    { name: 'orders', url: ordersUrl, typeDefs: ordersTypeDefs },
  ]);
  if (composed.errors) throw new AggregateError(composed.errors, 'composition failed');

  const gateway = createGatewayRuntime({
    supergraph: composed.supergraphSdl,
    logging: false,
    ...(options.forwardAuthorization === false ? {} : gatewayConfig),
  });
  cleanups.push(async () => {
    await gateway.dispose();
  });
  const gatewayUrl = await listen(gateway);

  return {
    emulator,
    subgraphUrl,
    realtime,
    gatewayUrl,
    query: (query, headers = {}) => postJson(gatewayUrl, { query }, { headers }),
  };
}
