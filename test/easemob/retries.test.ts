import { describe, expect, it } from 'vitest';
import { EasemobError } from '../../src/easemob/errors.js';
import { rejectionOf, startHarness } from '../support/easemob.js';
import { until } from '../support/load.js';

const seed = {
  users: [
    { username: 'alice', password: 'pw' },
    { username: 'bob', password: 'pw' },
  ],
};
const hello = {
  targetType: 'users' as const,
  targets: ['bob'],
  message: { type: 'txt' as const, msg: 'hello' },
  from: 'alice',
};

describe('retries on throttling and server errors', () => {
  it('retries a 429 without Retry-After using its own backoff', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 429, times: 2 });
    expect(await client.users.get('alice')).toMatchObject({ username: 'alice' });
    expect(emulator.calls.list('users.get').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('honours Retry-After before retrying', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'users.get',
      kind: 'status',
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    await client.users.get('alice');
    const [throttled, retried] = emulator.calls.list('users.get');
    expect([throttled!.status, retried!.status]).toEqual([429, 200]);
    // The test backoff is zero, so a gap of about a second can only come from Retry-After.
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After longer than the retry budget', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { retry: { budgetMs: 500 } },
    });
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 429, retryAfter: 30 });
    const started = Date.now();
    const error = await rejectionOf(client.users.get('alice'));
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 30 });
    expect(emulator.calls.count('users.get')).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('retries 503 and other 5xx on reads, bounded in attempts', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { retry: { maxRetries: 3 } },
    });
    emulator.faults.add({ endpoint: 'status.get', kind: 'status', status: 503, times: 1 });
    emulator.faults.add({ endpoint: 'status.get', kind: 'status', status: 502, times: 1 });
    expect(await client.status.get('alice')).toBe('offline');
    expect(emulator.calls.list('status.get').map((c) => c.status)).toEqual([503, 502, 200]);

    emulator.calls.reset();
    emulator.faults.add({ endpoint: 'status.get', kind: 'status', status: 500 });
    const error = await rejectionOf(client.status.get('alice'));
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(emulator.calls.count('status.get')).toBe(4);
  });

  it('bounds the total time spent retrying', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { retry: { maxRetries: 10, budgetMs: 300, initialDelayMs: 100, maxDelayMs: 100 } },
    });
    // The token first: the budget bounds the call, and a cold token fetch would eat into it.
    await client.tokens.app();
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    await rejectionOf(client.users.get('alice'));
    // About 300 ms of jittered ~100 ms waits: the budget, not the 10 retries, ends it (the jitter
    // may shorten a wait, so a few more than three can fit).
    expect(emulator.calls.count('users.get')).toBeLessThan(11);
    expect(emulator.calls.count('users.get')).toBeGreaterThanOrEqual(2);
  });

  it('retries a read after a connection reset', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({ endpoint: 'users.get', kind: 'reset', times: 1 });
    expect(await client.users.get('alice')).toMatchObject({ username: 'alice' });
    expect(emulator.calls.count('users.get')).toBe(2);
  });

  it('does not retry client errors', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    await rejectionOf(client.users.get('nobody'));
    expect(emulator.calls.count('users.get')).toBe(1);
  });
});

describe('sending a message is never repeated after an ambiguous failure', () => {
  it('retries a send that was answered 429 (the limiter: not processed)', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({ endpoint: 'messages.send', kind: 'status', status: 429, times: 2 });
    const results = await client.messages.send(hello);
    expect(results).toEqual([{ target: 'bob', success: true, result: 'success' }]);
    expect(emulator.calls.count('messages.send')).toBe(3);
    expect(emulator.state.sentMessages).toHaveLength(1);
  });

  it('does not retry a send answered 503: it may come after the message was stored', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'messages.send',
      kind: 'status',
      status: 503,
      when: 'after',
      times: 1,
    });
    const error = await rejectionOf(client.messages.send(hello));
    expect(error).toMatchObject({ status: 503, notSent: false });
    expect(emulator.calls.count('messages.send')).toBe(1);
    expect(emulator.state.sentMessages).toHaveLength(1);
  });

  it('does not retry a send that timed out; the message went out once', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { timeoutMs: 300 },
    });
    emulator.faults.add({ endpoint: 'messages.send', kind: 'delay', ms: 800, times: 1 });
    const error = await rejectionOf(client.messages.send(hello));
    expect(error).toBeInstanceOf(EasemobError);
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
    // The client has given up; the delayed attempt is still processed: wait for it to land.
    await until(() => emulator.state.sentMessages.length > 0);
    expect(emulator.calls.count('messages.send')).toBe(1);
    expect(emulator.state.sentMessages).toHaveLength(1);
  });

  it('does not retry a send whose connection was reset after processing', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({ endpoint: 'messages.send', kind: 'reset', when: 'after', times: 1 });
    const error = await rejectionOf(client.messages.send(hello));
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
    expect(emulator.calls.count('messages.send')).toBe(1);
    expect(emulator.state.sentMessages).toHaveLength(1);
  });

  it('does not retry a send answered 500', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'messages.send',
      kind: 'status',
      status: 500,
      when: 'after',
      times: 1,
    });
    await rejectionOf(client.messages.send(hello));
    expect(emulator.calls.count('messages.send')).toBe(1);
    expect(emulator.state.sentMessages).toHaveLength(1);
  });

  it('a timed-out read is retried', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { timeoutMs: 300 },
    });
    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: 800, times: 1 });
    expect(await client.users.get('alice')).toMatchObject({ username: 'alice' });
    expect(emulator.calls.count('users.get')).toBe(2);
  });
});
