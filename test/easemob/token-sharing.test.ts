import { describe, expect, it } from 'vitest';
import { manualClock } from '../support/clock.js';
import { rejectionOf, startHarness } from '../support/easemob.js';

const seed = { users: [{ username: 'alice', password: 'pw' }] };

describe('app token', () => {
  it('100 concurrent first calls share exactly one token request', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => client.status.get('alice')),
    );
    expect(answers).toHaveLength(100);
    expect(emulator.calls.count('token')).toBe(1);
    expect(emulator.calls.count('status.get')).toBe(100);
  });

  it('is cached across calls and sent as a Bearer token', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    await client.users.get('alice');
    await client.users.get('alice');
    expect(emulator.calls.count('token')).toBe(1);
    const request = emulator.calls.list('token')[0]!;
    expect(request.body).toMatchObject({
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
    });
  });

  it('asks for the configured ttl', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { appTokenTtlSeconds: 1024000 },
    });
    await client.users.get('alice');
    expect(emulator.calls.list('token')[0]!.body).toMatchObject({ ttl: '1024000' });
  });

  it('is refreshed ahead of expiry, so no call ever meets a 401', async () => {
    // One clock for the emulator's expiry and the client's refresh schedule, moved 20 ms a call.
    const clock = manualClock();
    const { client, emulator } = await startHarness({
      emulator: { seed, now: clock.now },
      client: { token: { now: clock.now } },
    });
    emulator.state.setTokenLifetime(1);
    const deadline = clock.now() + 2_600;
    let calls = 0;
    while (clock.now() < deadline) {
      await client.status.get('alice');
      calls++;
      clock.advance(20);
    }
    const statuses = emulator.calls.list('status.get').map((c) => c.status);
    expect(statuses).toHaveLength(calls);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // 1 s tokens over ~2.6 s: refreshed in the background at 80% of their life, a handful of times.
    expect(emulator.calls.count('token')).toBeGreaterThanOrEqual(3);
    expect(emulator.calls.count('token')).toBeLessThanOrEqual(6);
  });

  it('a 401 triggers one refresh and one retry, shared by concurrent callers', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    await client.users.get('alice');
    emulator.state.revokeTokens();
    const users = await Promise.all(Array.from({ length: 20 }, () => client.users.get('alice')));
    expect(users.every((u) => u.username === 'alice')).toBe(true);
    expect(emulator.calls.count('token')).toBe(2);
    const statuses = emulator.calls.list('users.get').map((c) => c.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 200)).toHaveLength(21);
  });

  it('gives up after one refresh when the new token is refused too', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    await client.users.get('alice');
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 401 });
    const error = await rejectionOf(client.users.get('alice'));
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(emulator.calls.count('users.get')).toBe(3);
    expect(emulator.calls.count('token')).toBe(2);
  });

  it('reports wrong client credentials as a typed error and does not hammer the token endpoint', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { clientSecret: 'wrong-secret' },
    });
    const errors = await Promise.all(
      Array.from({ length: 10 }, () => rejectionOf(client.users.get('alice'))),
    );
    for (const error of errors) expect(error).toMatchObject({ status: 400, code: 'invalid_grant' });
    // One request for the ten concurrent callers; the failure is reused during its cool-down.
    await rejectionOf(client.users.get('alice'));
    expect(emulator.calls.count('token')).toBe(1);
    expect(emulator.calls.count('users.get')).toBe(0);
  });
});
