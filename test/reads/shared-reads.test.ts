import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/reads/store.js';
import { bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';
import { until } from '../support/live-server.js';

const names = (n: number, prefix = 'user') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    { username: 'bob', password: 'pw', nickname: 'Bob' },
    { username: 'carol', password: 'pw' },
    ...names(250).map((username) => ({ username, password: 'pw' })),
  ],
  contacts: [['alice', 'bob']] as [string, string][],
  online: ['bob', 'user007'],
};

describe('reads shared across requests', () => {
  it('250 concurrent requests for different users make 3 batch-status calls in all', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const answers = await Promise.all(
      names(250).map((name) => run(`{ user(username: "${name}") { username status } }`)),
    );
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    expect(answers[7]!.data!.user.status).toBe('ONLINE');
    expect(answers[8]!.data!.user.status).toBe('OFFLINE');
    expect(emulator.calls.count('status.batch')).toBe(3);
    expect(emulator.calls.usernames('status.batch').map((batch) => batch.length)).toEqual([
      100, 100, 50,
    ]);
    expect(emulator.calls.count('status.get')).toBe(0);
  });

  it('identical reads in flight share one call, whichever requests asked', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const query = '{ user(username: "alice") { nickname offlineCount contacts { username } } }';
    const answers = await Promise.all(Array.from({ length: 50 }, () => run(query)));
    expect(answers.every((answer) => answer.data?.user.nickname === 'Alice')).toBe(true);
    expect(emulator.calls.count('users.get')).toBe(1);
    expect(emulator.calls.count('offline.count')).toBe(1);
    expect(emulator.calls.count('contacts.list')).toBe(1);
  });

  it('serves a repeated read from the cache until its TTL, and a kind with TTL 0 never', async () => {
    const harness = await startGraphQL({ emulator: { seed } });
    const query = '{ user(username: "alice") { nickname offlineCount } }';
    await harness.run(query);
    await harness.run(query);
    expect(harness.emulator.calls.count('users.get')).toBe(1);
    expect(harness.emulator.calls.count('offline.count')).toBe(1);

    const { run, emulator } = await startGraphQL({
      emulator: { seed },
      reads: { ttlMs: { profile: 0 } },
    });
    await run(query);
    await run(query);
    expect(emulator.calls.count('users.get')).toBe(2);
    expect(emulator.calls.count('offline.count')).toBe(1);
  });

  it('never caches an error: the requests that shared a failed read fail, the next one reads again', async () => {
    const { run, emulator } = await startGraphQL({
      emulator: { seed },
      client: { retry: { maxRetries: 0 } },
    });
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503, times: 1 });
    const query = '{ user(username: "carol") { uuid } }';
    const failed = await Promise.all([run(query), run(query), run(query)]);
    expect(failed.map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual([
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
    ]);
    expect(emulator.calls.count('users.get')).toBe(1);
    const next = await run(query);
    expect(next.errors).toBeUndefined();
    expect(emulator.calls.count('users.get')).toBe(2);
  });

  it('never hands a cached private field to a caller who may not read it', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const alice = bearer(await userToken('alice'));
    const own = await post(
      '{ user(username: "alice") { offlineCount contacts { username } } }',
      {},
      alice,
    );
    expect(own.body.errors).toBeUndefined();
    const privateReads = () =>
      emulator.calls.count('contacts.list') + emulator.calls.count('offline.count');
    const before = privateReads();

    const bob = bearer(await userToken('bob'));
    const other = await post(
      '{ user(username: "alice") { offlineCount contacts { username } } }',
      {},
      bob,
    );
    expect(other.body.errors?.length).toBeGreaterThan(0);
    expect(other.body.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(JSON.stringify(other.body.data)).not.toContain('bob');
    // Refused before any read: bob's request neither used alice's cached lists nor read them.
    expect(privateReads()).toBe(before);
    expect(before).toBe(2);
  });
});

describe('independent reads of one user', () => {
  it('leave together: status and offline count are asked while the profile is still on its way', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    // The profile answer is held back until the other two calls have been made.
    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: 3_000, times: 1 });
    const answer = run('{ user(username: "bob") { nickname status offlineCount } }');
    await until(
      () =>
        emulator.calls.count('status.batch') === 1 && emulator.calls.count('offline.count') === 1,
      'the status and offline-count calls',
    );
    const profile = emulator.calls.list('users.get');
    expect(profile).toHaveLength(1);
    expect(profile[0]!.status).toBe(-1);
    expect((await answer).data).toEqual({
      user: { nickname: 'Bob', status: 'ONLINE', offlineCount: 0 },
    });
  });
});

describe('the in-memory cache', () => {
  it('holds at most its entries and bytes, dropping the least recently used', async () => {
    const byCount = new MemoryStore({ maxEntries: 10, maxBytes: 1_000_000 });
    const byBytes = new MemoryStore({ maxEntries: 1_000, maxBytes: 4_096 });
    const profile = (i: number) => ({ username: `user${i}`, nickname: 'x'.repeat(100) });
    for (let i = 0; i < 100; i++) {
      const entry = new Map([[`user${i}`, profile(i)]]);
      await byCount.write('profile', entry, 60_000, '0');
      await byBytes.write('profile', entry, 60_000, '0');
    }
    expect(byCount.entries).toBe(10);
    expect(byBytes.bytes).toBeLessThanOrEqual(4_096);
    expect(byBytes.entries).toBeGreaterThan(0);
    const newest = await byCount.read('profile', ['user99', 'user0']);
    expect([...newest.found.keys()]).toEqual(['user99']);
  });

  it('does not store a value read before a write of its kind', async () => {
    const store = new MemoryStore({ maxEntries: 10, maxBytes: 1_000_000 });
    const { version } = await store.read('profile', ['alice']);
    await store.evict('profile', ['alice']);
    await store.write('profile', new Map([['alice', { nickname: 'old' }]]), 60_000, version);
    expect((await store.read('profile', ['alice'])).found.size).toBe(0);
  });

  it('allocates its index only when something is stored', async () => {
    // lru-cache sizes its index for `max` up front (typed arrays: 40 MB for 10 million entries).
    const before = process.memoryUsage().arrayBuffers;
    const store = new MemoryStore({ maxEntries: 10_000_000, maxBytes: 1_000_000 });
    await store.read('profile', ['alice']);
    await store.evict('profile', ['alice']);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10_000_000);
    await store.write('profile', new Map([['bob', { nickname: 'b' }]]), 60_000, '1');
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThan(40_000_000);
    expect((await store.read('profile', ['bob'])).found.get('bob')).toEqual({ nickname: 'b' });
  });
});
