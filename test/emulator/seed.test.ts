import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { manualClock } from '../support/clock.js';
import { adminToken, useEmulator } from '../support/emulator.js';
import { getJson, postJson } from '../support/http.js';

describe("seed: 'demo'", () => {
  // The demo's messages are dated back from the emulator's clock: a fixed one makes them exact.
  const clock = manualClock();
  const ctx = useEmulator({ seed: 'demo', now: clock.now });

  it('has eight users with nicknames, all with the password "password"', async () => {
    const response = await getJson(`${ctx.emulator.baseUrl}/users?limit=20`, { token: ctx.token });
    const names = response.body.entities.map((e: { username: string }) => e.username);
    expect(names).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi']);
    for (const entity of response.body.entities) expect(entity.nickname).toBeTruthy();
    const login = await postJson(`${ctx.emulator.baseUrl}/token`, {
      grant_type: 'password',
      username: 'heidi',
      password: 'password',
    });
    expect(login.status).toBe(200);
  });

  it('has mutual contacts, blocks and online users', async () => {
    const { state } = ctx.emulator;
    expect(state.users.contactsOf('alice')).toEqual(expect.arrayContaining(['bob', 'carol']));
    expect(state.users.contactsOf('bob')).toContain('alice');
    expect(state.users.blocksOf('frank')).toEqual(['heidi']);
    const status = await postJson(
      `${ctx.emulator.baseUrl}/users/batch/status`,
      { usernames: ['alice', 'bob', 'carol', 'grace'] },
      { token: ctx.token },
    );
    expect(status.body.data).toEqual([
      { alice: 'online' },
      { bob: 'online' },
      { carol: 'offline' },
      { grace: 'online' },
    ]);
  });

  it('has presence with device statuses and ext', async () => {
    const response = await postJson(
      `${ctx.emulator.baseUrl}/users/bob/presence`,
      { usernames: ['alice', 'grace'] },
      { token: ctx.token },
    );
    const [alice, grace] = response.body.result;
    expect(alice.status).toEqual({ ios_3f2a91: '1', webim_9c1d07: '0' });
    expect(alice.ext).toBe('working from home');
    expect(grace.status).toEqual({ webim_77aa21: 'busy' });
  });

  it('has about twenty messages over the last days, some waiting for offline users', async () => {
    const response = await getJson(`${ctx.emulator.baseUrl}/chatmessages?limit=100`, {
      token: ctx.token,
    });
    expect(response.body.count).toBeGreaterThanOrEqual(18);
    const timestamps = response.body.entities.map((e: { timestamp: number }) => e.timestamp);
    expect(Math.min(...timestamps)).toBeLessThan(clock.now() - 2 * 24 * 3600 * 1000);
    expect(Math.max(...timestamps)).toBeLessThanOrEqual(clock.now());
    expect(Math.min(...timestamps)).toBe(clock.now() - 72 * 3600 * 1000);
    expect(ctx.emulator.state.offlineCount('dave')).toBeGreaterThan(0);
    expect(ctx.emulator.state.offlineCount('alice')).toBe(0);
    expect(ctx.emulator.state.sentMessages).toHaveLength(0);
  });
});

describe('seed: SeedData', () => {
  it('creates the given users, contacts, blocks and online users', async () => {
    const emulator = await startEmulator({
      seed: {
        users: [
          { username: 'a', password: '1', nickname: 'A' },
          { username: 'b', password: '2' },
          { username: 'c', password: '3' },
        ],
        contacts: [['a', 'b']],
        blocks: [['c', 'a']],
        online: ['b'],
      },
    });
    try {
      const token = await adminToken(emulator);
      const contacts = await getJson(`${emulator.baseUrl}/users/b/contacts/users`, { token });
      expect(contacts.body.data).toEqual(['a']);
      const blocks = await getJson(`${emulator.baseUrl}/users/c/blocks/users`, { token });
      expect(blocks.body.data).toEqual(['a']);
      expect(emulator.state.isOnline('b')).toBe(true);
      expect(emulator.state.getUser('a')?.nickname).toBe('A');
    } finally {
      await emulator.close();
    }
  });

  it('starts empty by default, with the documented defaults', async () => {
    const emulator = await startEmulator();
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.baseUrl).toBe(`${emulator.url}/easemob-demo/testapp`);
      expect(emulator.clientId).toBe('YXA6emulator-client-id');
      expect(emulator.clientSecret).toBe('YXA6emulator-client-secret');
      expect(emulator.state.users.size).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('serves another org and app, and answers other paths with usergrid 404s', async () => {
    const emulator = await startEmulator({ orgName: '1122161011178276', appName: 'xiaomauu' });
    try {
      expect(emulator.baseUrl).toBe(`${emulator.url}/1122161011178276/xiaomauu`);
      const token = await adminToken(emulator);
      const users = await getJson(`${emulator.baseUrl}/users`, { token });
      expect(users.status).toBe(200);
      const wrongApp = await getJson(`${emulator.url}/easemob-demo/testapp/users`, { token });
      expect(wrongApp.status).toBe(404);
      expect(wrongApp.body.error).toBe('organization_application_not_found');
      const unknown = await getJson(`${emulator.baseUrl}/nothing/here`, { token });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('service_resource_not_found');
    } finally {
      await emulator.close();
    }
  });
});
