import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { createEasemobClient } from '../src/easemob/client.js';
import { isNotFound } from '../src/easemob/errors.js';
import { idleTracker } from './idle.js';
import { upstreamFromEnv } from './processes.js';

/**
 * The contrast: the textbook GraphQL layer — each field resolver calls Easemob on its own, no
 * DataLoader, no batching — over the same client (same HTTP pool, retries, validation).
 */
const upstream = upstreamFromEnv();
const client = createEasemobClient({ ...upstream, baseUrl: upstream.url, rateBudgets: false });
// Both the HTTP requests and every resolver's call: a request cut off can leave resolvers running.
const idle = idleTracker();

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  enum OnlineStatus { ONLINE OFFLINE }
  type User @key(fields: "username") {
    username: String!
    status: OnlineStatus!
    offlineCount: Int!
    contacts: [User!]!
  }
  type UserEdge { node: User! }
  type UserConnection { edges: [UserEdge!]! }
  type Query {
    user(username: String!): User
    users(first: Int): UserConnection!
  }
`);

type UserRef = { username: string };
const resolvers = {
  Query: {
    user: (_: unknown, args: { username: string }) =>
      idle.track(async () => {
        try {
          await client.users.get(args.username);
          return { username: args.username };
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      }),
    users: (_: unknown, args: { first?: number }) =>
      idle.track(async () => {
        const page = await client.users.list({ limit: args.first ?? 20 });
        return { edges: page.users.map((user) => ({ node: { username: user.username } })) };
      }),
  },
  User: {
    __resolveReference: (ref: UserRef) => ({ username: ref.username }),
    status: (user: UserRef) =>
      idle.track(async () =>
        (await client.status.get(user.username)) === 'online' ? 'ONLINE' : 'OFFLINE',
      ),
    offlineCount: (user: UserRef) => idle.track(() => client.offline.count(user.username)),
    contacts: (user: UserRef) =>
      idle.track(async () =>
        (await client.contacts.list(user.username)).map((username) => ({ username })),
      ),
  },
};

// biome-ignore lint/suspicious/noExplicitAny: Apollo's resolver map type does not model __resolveReference args.
const yoga = createYoga({ schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as any }) });
const server = createServer((request, response) => {
  if (idle.answered(request, response)) return;
  void idle.track(() => yoga.handle(request, response));
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.once('SIGTERM', () => process.exit(0));
