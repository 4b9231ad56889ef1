import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, GraphQLRequestError } from '../../operations/client.js';
import {
  type OnlineStatus,
  UserCardDocument,
  type UserCardQuery,
  UsersDocument,
} from '../../operations/generated/graphql.js';
import { startLiveServer } from '../support/live-server.js';

/**
 * The frontend's view: the generated documents through operations/client.ts, over HTTP to a real
 * server on an ephemeral port. `tsc` checks the types below (the test files are type-checked).
 */

const adminKey = 'typed-client-admin-key-0123456789';

describe('typed client (operations/client.ts + operations/generated)', () => {
  it('runs UserCard and returns the typed result', async () => {
    const server = await startLiveServer({ emulator: { seed: 'demo' } });
    const client = createClient({ url: server.url });

    const result = await client.request(UserCardDocument, { username: 'alice' });
    expectTypeOf(result).toEqualTypeOf<UserCardQuery>();
    const name: string = result.user!.username;
    const statuses: OnlineStatus[] = result.user!.contacts.map((contact) => contact.status);
    const offline: number = result.user!.offlineCount;
    expect(name).toBe('alice');
    expect(result.user!.nickname).toBe('Alice Chen');
    expect(result.user!.contacts.map((c) => c.username)).toEqual(['bob', 'carol', 'dave']);
    expect(statuses.every((s) => s === 'ONLINE' || s === 'OFFLINE')).toBe(true);
    expect(offline).toBe(0);

    // Variables are checked against the operation: required ones must be there, typed.
    // @ts-expect-error $username is required
    await expect(client.request(UserCardDocument)).rejects.toThrow(GraphQLRequestError);
    // @ts-expect-error $username is a String
    await expect(client.request(UserCardDocument, { username: 1 })).rejects.toThrow();
    // No required variables: they may be left out.
    const page = await client.request(UsersDocument);
    expect(page.users.edges.length).toBeGreaterThan(0);
    const firstTwo = await client.request(UsersDocument, { first: 2 });
    expect(firstTwo.users.edges.map((e) => e.node.username)).toHaveLength(2);
    expect(firstTwo.users.pageInfo.hasNextPage).toBe(true);
  });

  it('sends credentials from a header function, and throws the error code without them', async () => {
    const server = await startLiveServer({
      emulator: { seed: 'demo' },
      server: { auth: { adminApiKeys: [adminKey], publicProfiles: true, open: false } },
    });

    const anonymous = createClient({ url: server.url });
    const failure = await anonymous
      .request(UserCardDocument, { username: 'alice' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLRequestError);
    expect((failure as GraphQLRequestError).code).toBe('UNAUTHENTICATED');
    // Partial data comes along: here, the user field resolved to null.
    expect((failure as GraphQLRequestError).data).toEqual({ user: null });

    let calls = 0;
    const admin = createClient({
      url: server.url,
      headers: async () => {
        calls++;
        return { authorization: `Bearer ${adminKey}` };
      },
    });
    const result = await admin.request(UserCardDocument, { username: 'bob' });
    expect(result.user?.username).toBe('bob');
    expect(calls).toBe(1);
  });

  it('reports an answer that is not GraphQL as an error with the HTTP status', async () => {
    const server = await startLiveServer();
    const client = createClient({ url: new URL('/nowhere', server.url).href });
    const failure = await client
      .request(UserCardDocument, { username: 'alice' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLRequestError);
    expect((failure as GraphQLRequestError).status).toBe(404);
  });
});
