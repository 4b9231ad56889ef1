import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SendQuota } from '../../src/auth/viewer-policy.js';
import { loadConfig } from '../../src/config.js';
import { estimateCalls } from '../../src/schema/call-cost.js';
import { schema } from '../../src/schema/index.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { manualClock } from '../support/clock.js';
import { startGraphQL } from '../support/graphql.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(3, '0')}`);
const seed = {
  users: ['alice', 'bob', 'carol', ...names(100)].map((username) => ({ username, password: 'pw' })),
  // carol blocked alice.
  blocks: [['carol', 'alice']] as [string, string][],
};

const send = (input: string, alias = 'sendMessage', selection = 'results { target success }') =>
  `${alias}: sendMessage(input: { ${input} }) { ${selection} }`;
const mutation = (...fields: string[]) => `mutation { ${fields.join(' ')} }`;

async function setup(auth = testAuth(), limits: { maxUpstreamCalls?: number } = {}) {
  const server = await startGraphQL({ emulator: { seed }, server: { auth, limits } });
  const asAlice = bearer(await userToken('alice'));
  const asAdmin = bearer(adminKey);
  return { ...server, asAlice, asAdmin };
}

/** The measured abuses: each refused for a viewer, each allowed for an admin. */
const abuses: Record<string, [input: string, policy: string]> = {
  'a group he is not in': [
    'targetType: CHATGROUPS, targets: ["100000001"], from: "alice", message: { text: "hi" }',
    'targetType',
  ],
  'a chatroom': [
    'targetType: CHATROOMS, targets: ["200000001"], message: { text: "hi" }',
    'targetType',
  ],
  'a user who blocked him': [
    'targetType: USERS, targets: ["bob", "carol"], message: { text: "hi" }',
    'blocked',
  ],
  'a command message': [
    'targetType: USERS, targets: ["bob"], message: { command: "kick_all" }',
    'command',
  ],
  "Easemob's reserved push keys in ext": [
    'targetType: USERS, targets: ["bob"], message: { text: "hi" }, ext: { em_force_notification: true }',
    'ext',
  ],
};

describe('the viewers’ send policy', () => {
  it.each(Object.entries(abuses))(
    'refuses sending to %s, with nothing delivered; admins may',
    async (_name, [input, policy]) => {
      const { post, emulator, asAlice, asAdmin } = await setup();
      const { body } = await post(mutation(send(input)), undefined, asAlice);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', policy });
      expect(emulator.state.sentMessages).toEqual([]);
      expect(emulator.calls.count('messages.send')).toBe(0);

      const admin = await post(mutation(send(input)), undefined, asAdmin);
      expect(admin.body.errors).toBeUndefined();
      expect(emulator.state.sentMessages.length).toBeGreaterThan(0);
    },
  );

  it('says a blocked target rejected the message, and reveals nothing else of its list', async () => {
    const { post, asAlice } = await setup();
    const { body } = await post(
      mutation(send('targetType: USERS, targets: ["carol"], message: { text: "hi" }')),
      undefined,
      asAlice,
    );
    expect(body.errors?.[0]?.message).toBe(
      'message rejected: carol does not accept messages from you',
    );
  });

  it('lets a viewer send one-to-one within the bounds', async () => {
    const { post, emulator, asAlice } = await setup();
    const { body } = await post(
      mutation(
        send('targetType: USERS, targets: ["bob"], message: { text: "hi" }, ext: { mood: "ok" }'),
      ),
      undefined,
      asAlice,
    );
    expect(body.errors).toBeUndefined();
    expect(emulator.state.sentMessages.map((m) => [m.from, m.to])).toEqual([['alice', 'bob']]);
  });

  it('refuses 20 aliases × 100 targets before any call, and an admin sends all 2,000', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) =>
      send(
        'targetType: USERS, targets: $t, message: { text: "hi" }',
        `s${i}`,
        'results { success }',
      ),
    );
    const query = `mutation($t: [String!]!) { ${aliases.join(' ')} }`;
    const variables = { t: names(100) };
    const { post, emulator, asAlice, asAdmin } = await setup();
    const { body } = await post(query, variables, asAlice);
    // Each viewer's send reads its targets' block lists: 20 × (1 + 100) calls estimated.
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      estimatedCalls: 2020,
    });
    expect(emulator.calls.list().filter((c) => c.endpoint !== 'token')).toEqual([]);

    const admin = await post(query, variables, asAdmin);
    expect(admin.body.errors).toBeUndefined();
    expect(emulator.state.sentMessages.length).toBe(2000);
  });

  it('counts every alias against VIEWER_SEND_MAX_TARGETS, whatever the call limit', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) =>
      send(
        'targetType: USERS, targets: $t, message: { text: "hi" }',
        `s${i}`,
        'results { success }',
      ),
    );
    const query = `mutation($t: [String!]!) { ${aliases.join(' ')} }`;
    const { post, emulator, asAlice } = await setup(testAuth(), { maxUpstreamCalls: 100_000 });
    const { body } = await post(query, { t: names(100) }, asAlice);
    // The first alias is refused for all of them; the operation stops there (non-null payloads).
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', policy: 'maxTargets' });
    expect(body.errors?.[0]?.message).toContain('2000 targets');
    expect(emulator.calls.list().filter((c) => c.endpoint !== 'token')).toEqual([]);
  });

  it('counts the targets of every alias and fragment against VIEWER_SEND_MAX_TARGETS', async () => {
    const { post, emulator, asAlice } = await setup();
    const five = JSON.stringify(names(5));
    const query = `mutation($t: [String!]!) { ${send(`targetType: USERS, targets: ${five}, message: { text: "a" }`, 'a')} ${send(
      `targetType: USERS, targets: ${five}, message: { text: "b" }`,
      'b',
    )} ...More }
    fragment More on Mutation { ${send('targetType: USERS, targets: $t, message: { text: "c" }', 'c')} }`;
    // 5 + 5 + 11 = 21 > 20.
    const { body } = await post(query, { t: names(11) }, asAlice);
    expect(body.errors?.[0]?.extensions).toMatchObject({ policy: 'maxTargets' });
    expect(emulator.state.sentMessages).toEqual([]);
    // 5 + 5 + 10 = 20 is within it.
    const within = await post(query, { t: names(10) }, asAlice);
    expect(within.body.errors).toBeUndefined();
    expect(emulator.state.sentMessages.length).toBe(20);
  });

  it('bounds each viewer’s deliveries per minute with RATE_LIMITED and retryAfterMs', async () => {
    const { post, emulator, asAlice, asAdmin } = await setup(
      testAuth({ viewers: { sendsPerMinute: 3 } }),
    );
    const hi = (targets: string[]) =>
      mutation(
        send(`targetType: USERS, targets: ${JSON.stringify(targets)}, message: { text: "hi" }`),
      );
    expect((await post(hi(['bob', 'u000']), undefined, asAlice)).body.errors).toBeUndefined();
    expect((await post(hi(['u001']), undefined, asAlice)).body.errors).toBeUndefined();
    const refused = await post(hi(['u002']), undefined, asAlice);
    expect(refused.status).toBe(429);
    const extensions = refused.body.errors?.[0]?.extensions;
    expect(extensions).toMatchObject({ code: 'RATE_LIMITED', policy: 'perMinute' });
    expect(Number(extensions?.retryAfterMs)).toBeGreaterThan(0);
    expect(Number(extensions?.retryAfterMs)).toBeLessThanOrEqual(60_000);
    expect(emulator.state.sentMessages.length).toBe(3);
    // Per caller: bob has his own minute, and admins have none.
    const asBob = bearer(await userToken('bob'));
    expect((await post(hi(['u003']), undefined, asBob)).body.errors).toBeUndefined();
    expect((await post(hi(names(10)), undefined, asAdmin)).body.errors).toBeUndefined();
    expect(emulator.state.sentMessages.length).toBe(14);
  });

  it('allows groups and rooms to viewers only when VIEWER_SEND_TARGET_TYPES lists them', async () => {
    const config = loadConfig({ VIEWER_SEND_TARGET_TYPES: 'users, chatgroups' });
    expect(config.auth.viewers?.sendTargetTypes).toEqual(['users', 'chatgroups']);
    const { post, emulator, asAlice } = await setup(testAuth({ viewers: config.auth.viewers }));
    const group = await post(
      mutation(send('targetType: CHATGROUPS, targets: ["100000001"], message: { text: "hi" }')),
      undefined,
      asAlice,
    );
    expect(group.body.errors).toBeUndefined();
    const room = await post(
      mutation(send('targetType: CHATROOMS, targets: ["200000001"], message: { text: "hi" }')),
      undefined,
      asAlice,
    );
    expect(room.body.errors?.[0]?.extensions).toMatchObject({ policy: 'targetType' });
    expect(emulator.state.sentMessages.map((m) => m.to)).toEqual(['100000001']);
  });

  it("counts a viewer's blocks reads (per send target, per contact request) in the call estimate", () => {
    const document = parse(
      mutation(send('targetType: USERS, targets: ["a", "b", "c"], message: { text: "hi" }')),
    );
    expect(estimateCalls(schema, document, {}, null, { viewer: true })).toBe(4);
    expect(estimateCalls(schema, document, {}, null)).toBe(1);
    const contact = parse('mutation { addContact(username: "a", contact: "b") { username } }');
    expect(estimateCalls(schema, contact, {}, null, { viewer: true })).toBe(2);
    expect(estimateCalls(schema, contact, {}, null)).toBe(1);
  });
});

describe('SendQuota', () => {
  it('slides a one-minute window per caller and says when there is room again', () => {
    const clock = manualClock();
    const quota = new SendQuota(3, 60_000, clock.now);
    expect(quota.take('alice', 2)).toEqual({ admitted: true });
    clock.advance(10_000);
    expect(quota.take('alice', 1)).toEqual({ admitted: true });
    expect(quota.take('alice', 1)).toEqual({ admitted: false, retryAfterMs: 50_000 });
    expect(quota.take('bob', 3)).toEqual({ admitted: true });
    clock.advance(50_000);
    // The first two have left the window; the third stays until 70 s.
    expect(quota.take('alice', 2)).toEqual({ admitted: true });
    expect(quota.take('alice', 1)).toEqual({ admitted: false, retryAfterMs: 10_000 });
  });

  it('forgets callers whose window has emptied', () => {
    const clock = manualClock();
    const quota = new SendQuota(3, 60_000, clock.now);
    for (const caller of names(50)) quota.take(caller, 1);
    expect(quota.size).toBe(50);
    clock.advance(61_000);
    quota.take('alice', 1);
    expect(quota.size).toBe(1);
  });
});
