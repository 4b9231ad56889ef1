import { isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCalls, fieldCosts } from '../../src/schema/call-cost.js';
import { schema } from '../../src/schema/index.js';

const estimate = (
  query: string,
  variables?: Record<string, unknown>,
  options?: Parameters<typeof estimateCalls>[4],
) => estimateCalls(schema, parse(query), variables, undefined, options);

const refs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ __typename: 'User', username: `u${i}` }));
const entities = (selection: string) =>
  `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${selection} } } }`;

describe('estimateCalls: Easemob calls an operation can make', () => {
  it.each([
    // [what, operation, calls]
    ['a name only: the existence read', '{ user(username: "a") { username } }', 1],
    [
      'issueUserToken: one /token call, then what is asked of its user',
      'mutation { issueUserToken(input: { username: "a", password: "p" }) { accessToken user { nickname } } }',
      2,
    ],
    [
      'deleteUsers: one call, the deleted profiles carried',
      'mutation { deleteUsers(limit: 300) { deleted { nickname notifierName } cursor } }',
      1,
    ],
    [
      'blockUsers: the current list, then the add',
      'mutation { blockUsers(username: "a", usernames: ["b"]) { username } }',
      2,
    ],
    [
      'push fields share the profile read',
      '{ user(username: "a") { deviceToken notifierName } }',
      1,
    ],
    ['profile fields share the existence read', '{ user(username: "a") { nickname uuid } }', 1],
    ['status joins a batch', '{ user(username: "a") { status } }', 2],
    ['offlineCount proves existence itself', '{ user(username: "a") { offlineCount } }', 1],
    ['profile and offline count', '{ user(username: "a") { nickname offlineCount } }', 2],
    ['viewer needs no existence read', '{ viewer { username } }', 0],
    ['viewer profile', '{ viewer { nickname createdAt activated } }', 1],
    ['message status per id', '{ viewer { offlineMessageStatus(messageId: "1") } }', 1],
    [
      'contacts with statuses: 1 list + 1 batch',
      '{ user(username: "a") { contacts { username status } } }',
      2,
    ],
    [
      'contacts with profiles: 1 list + 100 profiles',
      '{ user(username: "a") { contacts { nickname } } }',
      101,
    ],
    [
      'blocks (at most 500) with statuses: 1 list + 5 batches',
      '{ user(username: "a") { blocks { username status } } }',
      6,
    ],
    [
      'contacts of contacts: 1 + 100 lists + 100 batches',
      '{ user(username: "a") { contacts { contacts { status } } } }',
      201,
    ],
    ['presence: one batch', '{ viewer { presence { ext } } }', 1],
    [
      'presence subscriptions: one page, users free',
      '{ viewer { presenceSubscriptions(pageSize: 50) { items { user { username } } } } }',
      1,
    ],
    [
      'presence subscriptions of 50 users asking nicknames',
      '{ viewer { presenceSubscriptions(pageSize: 50) { items { user { nickname } } } } }',
      51,
    ],
    [
      'users: one page carrying the profiles',
      '{ users(first: 100) { edges { node { nickname } } } }',
      1,
    ],
    [
      'users with statuses: 1 page + 1 batch',
      '{ users(first: 100) { edges { node { username status } } } }',
      2,
    ],
    [
      'README: users with nickname and status: 1 page + 1 batch',
      '{ users(first: 100) { edges { node { nickname status } } } }',
      2,
    ],
    [
      'README: users with offline counts: 1 page + 100',
      '{ users(first: 100) { edges { node { offlineCount } } } }',
      101,
    ],
    [
      'README: contacts with nickname and status: 1 list + 100 profiles + 1 batch',
      '{ user(username: "alice") { contacts { nickname status } } }',
      102,
    ],
    [
      "users' contacts: 1 page + 100 lists",
      '{ users(first: 100) { edges { node { contacts { username } } } } }',
      101,
    ],
    ['users, default page of 20', '{ users { edges { node { offlineCount } } } }', 21],
    [
      'users: first beyond 100 is refused by the resolver',
      '{ users(first: 5000) { pageInfo { hasNextPage } } }',
      1,
    ],
    [
      'chat history: 1 page + a profile per sender',
      '{ chatMessages(first: 30) { edges { node { id from { nickname } } } } }',
      31,
    ],
    [
      'presences of 250 targets: 3 calls',
      `{ presences(username: "a", targets: ${JSON.stringify(Array.from({ length: 250 }, (_, i) => `t${i}`))}) { ext } }`,
      3,
    ],
    [
      'presences with statuses',
      '{ presences(username: "a", targets: ["b", "c"]) { user { status } } }',
      2,
    ],
    [
      'sendMessage: one call for ≤ 100 targets',
      'mutation { sendMessage(input: { targetType: USERS, targets: ["b", "c"], message: { text: "hi" } }) { results { success } } }',
      1,
    ],
    [
      'createUser carries its profile',
      'mutation { createUser(input: { username: "a", password: "p" }) { nickname status } }',
      2,
    ],
    [
      'createUsers: one call, created users carry profiles',
      'mutation { createUsers(input: [{ username: "a", password: "p" }, { username: "b", password: "p" }]) { created { nickname } failed { reason } } }',
      1,
    ],
    [
      'addContact returns the owner without profile',
      'mutation { addContact(username: "a", contact: "b") { nickname } }',
      2,
    ],
    [
      'subscribePresence: targets in calls of 100',
      `mutation { subscribePresence(username: "a", targets: ${JSON.stringify(Array.from({ length: 150 }, (_, i) => `t${i}`))}, expirySeconds: 60) { ext } }`,
      2,
    ],
    [
      'a status subscription starts without a call',
      'subscription { statusChanged(usernames: ["a", "b"]) { status user { username } } }',
      0,
    ],
    [
      'a subscription event asking a profile',
      'subscription { statusChanged(usernames: ["a"]) { user { nickname } } }',
      1,
    ],
    ['_service', '{ _service { sdl } }', 0],
  ])('%s', (_what, query, calls) => {
    expect(estimate(query)).toBe(calls);
  });

  it('_entities: per representation, statuses batched, profiles one each', () => {
    expect(estimate(entities('username'), { r: refs(1000) })).toBe(0);
    expect(estimate(entities('username status'), { r: refs(300) })).toBe(3);
    expect(estimate(entities('nickname'), { r: refs(1000) })).toBe(1000);
    expect(estimate(entities('nickname uuid createdAt status'), { r: refs(10) })).toBe(11);
  });

  it('counts each alias separately and merges repeated fields', () => {
    expect(
      estimate('{ a: user(username: "a") { nickname } b: user(username: "b") { nickname } }'),
    ).toBe(2);
    expect(estimate('{ user(username: "a") { x: offlineCount y: offlineCount } }')).toBe(2);
    expect(estimate('{ user(username: "a") { offlineCount offlineCount } }')).toBe(1);
  });

  it('follows fragments and inline fragments, counting shared profile reads once', () => {
    const query = `
      query { user(username: "a") { ...Card ... on User { uuid contacts { ...Card } } } }
      fragment Card on User { nickname status }`;
    // user: 1 profile (the existence read) + status; contacts: 1 list + 100 profiles + 1 batch.
    expect(estimate(query)).toBe(104);
    const nested = `
      query { viewer { ...Outer } }
      fragment Outer on User { contacts { ...Inner } }
      fragment Inner on User { offlineCount }`;
    expect(estimate(nested)).toBe(101);
  });

  it('reads list sizes from variables, and chooses the named operation', () => {
    const document = parse(`
      query Page($n: Int) { users(first: $n) { edges { node { offlineCount } } } }
      query Few { viewer { username } }`);
    expect(estimateCalls(schema, document, { n: 10 }, 'Page')).toBe(11);
    expect(estimateCalls(schema, document, { n: 50 }, 'Page')).toBe(51);
    expect(estimateCalls(schema, document, {}, 'Few')).toBe(0);
    expect(estimateCalls(schema, document, {}, 'Missing')).toBe(0);
    // Variables that do not coerce fail the operation before any call.
    expect(estimateCalls(schema, document, { n: 'ten' }, 'Page')).toBe(0);
  });

  it('rounds the total up, and takes the contact list size from the options', () => {
    expect(estimate('{ viewer { status } }')).toBe(1);
    const contacts = '{ viewer { contacts { nickname } } }';
    expect(estimate(contacts, {}, { listSizes: { contacts: 1000 } })).toBe(1001);
  });

  it('has a cost for every root field and every User field', () => {
    const missing: string[] = [];
    for (const type of [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
      schema.getType('User'),
    ]) {
      if (!isObjectType(type)) continue;
      for (const name of Object.keys(type.getFields())) {
        if (!(`${type.name}.${name}` in fieldCosts)) missing.push(`${type.name}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
