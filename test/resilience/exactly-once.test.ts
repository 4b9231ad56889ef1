import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/clock.js';
import { startGraphQL } from '../support/graphql.js';
import {
  report,
  runConcurrently,
  timed,
  until,
  watchUnhandledRejections,
} from '../support/load.js';

const seed = {
  users: [
    { username: 'alice', password: 'pw' },
    { username: 'bob', password: 'pw' },
  ],
};

const send = `mutation Send($text: String!) {
  sendMessage(input: {
    targetType: USERS, targets: ["bob"], from: "alice", message: { text: $text }
  }) { results { target success result } }
}`;

const timeoutMs = 500;
const retryBudgetMs = 2_000;

type Outcome = 'delivered' | 'notSent' | 'ambiguous';

/**
 * What the caller was told. 429, 503 and an open circuit prove the message was not processed; a
 * timeout, a reset or a 500 leave it open whether it was.
 */
// biome-ignore lint/suspicious/noExplicitAny: a response as JSON
function outcomeOf(response: any): { outcome: Outcome; why: string } {
  if (!response.errors) {
    expect(response.data.sendMessage.results).toEqual([
      { target: 'bob', success: true, result: 'success' },
    ]);
    return { outcome: 'delivered', why: 'success' };
  }
  expect(response.errors).toHaveLength(1);
  const { code, upstream } = response.errors[0].extensions;
  expect(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']).toContain(code);
  if (upstream.status === 429 || upstream.status === 503) {
    return { outcome: 'notSent', why: String(upstream.status) };
  }
  if (upstream.code === 'circuit_open') return { outcome: 'notSent', why: 'circuit_open' };
  if (upstream.status === 500) return { outcome: 'ambiguous', why: '500' };
  expect(upstream.status).toBe(0);
  expect(['timeout', 'network_error']).toContain(upstream.code);
  return { outcome: 'ambiguous', why: upstream.code };
}

describe('sendMessage under faults: exactly once', () => {
  it('100 sends: delivered = successes + ambiguous failures Easemob processed; none twice', async () => {
    const rejections = watchUnhandledRejections();
    const { run, emulator } = await startGraphQL({
      // Seeded draws: the same faults fire in the same order on every run.
      emulator: { seed, random: seededRandom(100) },
      client: {
        timeoutMs,
        retry: { maxRetries: 3, budgetMs: retryBudgetMs, initialDelayMs: 10, maxDelayMs: 100 },
        circuitBreaker: { halfOpenAfterMs: 100 },
      },
    });
    const endpoint = 'messages.send';
    // Turned away before processing: the client retries these.
    emulator.faults.add({ endpoint, kind: 'status', status: 429, probability: 0.25 });
    emulator.faults.add({ endpoint, kind: 'status', status: 503, probability: 0.25 });
    // Processed, then the answer is lost or wrong: the client must not send again.
    emulator.faults.add({ endpoint, kind: 'reset', when: 'after', probability: 0.1 });
    emulator.faults.add({ endpoint, kind: 'status', status: 500, when: 'after', probability: 0.1 });
    emulator.faults.add({
      endpoint,
      kind: 'delay',
      ms: 3 * timeoutMs,
      when: 'after',
      probability: 0.1,
    });

    const texts = Array.from({ length: 100 }, (_, i) => `exactly-once ${i}`);
    const answers = await runConcurrently(texts.length, 10, (i) =>
      timed(() => run(send, { text: texts[i] })),
    );
    // Calls the client gave up on (timeouts) are still being answered: wait for every answer.
    await until(() => emulator.calls.list(endpoint).every((call) => call.status !== -1), 5_000);

    const calls = emulator.calls.list(endpoint);
    const delivered = emulator.state.sentMessages.map(
      (message) => (message.bodies[0] as { msg: string }).msg,
    );
    const tally = { delivered: 0, notSent: 0, ambiguous: 0, ambiguousDelivered: 0 };
    const reasons: Record<string, number> = {};
    for (const [i, text] of texts.entries()) {
      const { value, ms } = answers[i]!;
      expect(ms).toBeLessThan(retryBudgetMs + timeoutMs + 1_000);
      const { outcome, why } = outcomeOf(value);
      tally[outcome]++;
      reasons[why] = (reasons[why] ?? 0) + 1;

      const attempts = calls.filter((c) => (c.body as { msg: { msg: string } }).msg.msg === text);
      const statuses = attempts.map((c) => c.status);
      // Only a 429 or a 503 (not processed) was ever followed by another attempt…
      for (const status of statuses.slice(0, -1)) expect([429, 503]).toContain(status);
      // …so at most the last attempt was processed, and the message went out at most once.
      const processed = statuses.filter((s) => s !== 429 && s !== 503).length;
      const copies = delivered.filter((t) => t === text).length;
      const story = `${text}: told ${why}, Easemob answered ${statuses.join(',')}`;
      expect(copies, story).toBe(processed);
      expect(copies, story).toBeLessThanOrEqual(1);
      // What the caller was told matches what happened.
      if (outcome === 'delivered') expect([copies, statuses.at(-1)], story).toEqual([1, 200]);
      if (outcome === 'notSent') expect(copies, story).toBe(0);
      // An ambiguous failure went out exactly when Easemob processed it: always after a reset or a
      // 500 (the faults fire after processing); after a timeout, unless the client gave up before
      // the request reached Easemob (it happens on a loaded machine).
      if (outcome === 'ambiguous') {
        if (copies === 1) tally.ambiguousDelivered++;
        else expect(why, story).toBe('timeout');
      }
    }
    expect(delivered).toHaveLength(tally.delivered + tally.ambiguousDelivered);
    expect(new Set(delivered).size).toBe(delivered.length);
    report('exactly-once', {
      ...tally,
      reasons,
      sentMessages: delivered.length,
      attempts: calls.length,
      maxMs: Math.round(Math.max(...answers.map((a) => a.ms))),
    });
    // The faults of both kinds really fired.
    expect(tally.ambiguousDelivered).toBeGreaterThan(5);
    expect(calls.filter((c) => c.status === 429 || c.status === 503).length).toBeGreaterThan(10);
    expect(rejections.stop()).toEqual([]);
  });
});
