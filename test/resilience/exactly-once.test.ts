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
const endpoint = 'messages.send';

type Outcome = 'delivered' | 'notSent' | 'ambiguous';

/**
 * What the caller was told: success, `notSent: true` (Easemob certainly did nothing: the message
 * may be sent again), or `notSent: false` (it may have been delivered: sending it again may
 * deliver it twice).
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
  expect(typeof upstream.notSent).toBe('boolean');
  const why = upstream.status === 0 ? upstream.code : String(upstream.status);
  return { outcome: upstream.notSent ? 'notSent' : 'ambiguous', why };
}

/** Sends `count` distinct texts through GraphQL, 10 at a time; what each caller was told. */
async function sendAll(
  run: (q: string, v: Record<string, unknown>) => Promise<unknown>,
  count = 0,
) {
  const texts = Array.from({ length: count }, (_, i) => `exactly-once ${i}`);
  const answers = await runConcurrently(texts.length, 10, (i) =>
    timed(() => run(send, { text: texts[i] })),
  );
  return { texts, answers };
}

describe('sendMessage under faults: exactly once', () => {
  it('a 503 after processing is never retried: 200 sends, none delivered twice, notSent:true never delivered', async () => {
    const rejections = watchUnhandledRejections();
    const { run, emulator } = await startGraphQL({
      // Seeded draws: the same faults fire in the same order on every run.
      emulator: { seed, random: seededRandom(503) },
      client: {
        timeoutMs,
        retry: { maxRetries: 3, budgetMs: retryBudgetMs, initialDelayMs: 10, maxDelayMs: 50 },
        circuitBreaker: false,
      },
    });
    // Easemob「用户体系集成」allows a 503 to mean throttling, but nothing says the message was not
    // stored first: here it always was.
    emulator.faults.add({ endpoint, kind: 'status', status: 503, when: 'after', probability: 0.4 });
    // The limiter's refusal, before processing: the one answer a send is retried on.
    emulator.faults.add({ endpoint, kind: 'status', status: 429, probability: 0.15 });

    const { texts, answers } = await sendAll(run, 200);
    const calls = emulator.calls.list(endpoint);
    const delivered = emulator.state.sentMessages.map(
      (message) => (message.bodies[0] as { msg: string }).msg,
    );
    const tally = { delivered: 0, notSent: 0, ambiguous: 0, ambiguousDelivered: 0 };
    let duplicates = 0;
    let notSentButDelivered = 0;
    const wrong: string[] = [];
    for (const [i, text] of texts.entries()) {
      const { outcome } = outcomeOf(answers[i]!.value);
      tally[outcome]++;
      const copies = delivered.filter((t) => t === text).length;
      if (copies > 1) duplicates++;
      if (outcome === 'notSent' && copies > 0) notSentButDelivered++;
      const statuses = calls
        .filter((c) => (c.body as { msg: { msg: string } }).msg.msg === text)
        .map((c) => c.status);
      if (outcome === 'ambiguous' && copies === 1) tally.ambiguousDelivered++;
      // Only the limiter's 429 is followed by another attempt; a success is there once; every
      // ambiguous answer here is a 503 after processing (the message is there, once); a notSent
      // one was turned away by the limiter each time.
      const right =
        statuses.slice(0, -1).every((status) => status === 429) &&
        (outcome === 'notSent' ? copies === 0 && statuses.at(-1) === 429 : copies === 1);
      if (!right) wrong.push(`${text}: told ${outcome}, Easemob answered ${statuses.join(',')}`);
    }
    report('exactly-once 503-after', {
      ...tally,
      duplicates,
      notSentButDelivered,
      attempts: calls.length,
    });
    expect(duplicates).toBe(0);
    expect(notSentButDelivered).toBe(0);
    expect(wrong).toEqual([]);
    // Every delivery is accounted for: a success or an ambiguous answer, each once.
    expect(delivered).toHaveLength(tally.delivered + tally.ambiguousDelivered);
    expect(new Set(delivered).size).toBe(delivered.length);
    // Both faults really fired, often.
    expect(tally.ambiguous).toBeGreaterThan(50);
    expect(calls.filter((c) => c.status === 429).length).toBeGreaterThan(20);
    expect(rejections.stop()).toEqual([]);
  });

  it('100 sends under mixed faults: delivered = successes + ambiguous failures Easemob processed; none twice', async () => {
    const rejections = watchUnhandledRejections();
    const { run, emulator } = await startGraphQL({
      emulator: { seed, random: seededRandom(100) },
      client: {
        timeoutMs,
        retry: { maxRetries: 3, budgetMs: retryBudgetMs, initialDelayMs: 10, maxDelayMs: 100 },
        circuitBreaker: { halfOpenAfterMs: 100 },
      },
    });
    // Turned away before processing: a 429 is retried; a 503 cannot be told from one that came
    // after processing, so it is not.
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

    const { texts, answers } = await sendAll(run, 100);
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
      expect(ms).toBeLessThan(retryBudgetMs + 2 * timeoutMs + 1_000);
      const { outcome, why } = outcomeOf(value);
      tally[outcome]++;
      reasons[why] = (reasons[why] ?? 0) + 1;

      const attempts = calls.filter((c) => (c.body as { msg: { msg: string } }).msg.msg === text);
      const statuses = attempts.map((c) => c.status);
      // Only a 429 (not processed) was ever followed by another attempt…
      for (const status of statuses.slice(0, -1)) expect(status).toBe(429);
      // …so at most the last attempt was processed, and the message went out at most once.
      const processed = statuses.filter((s) => s !== 429 && s !== 503).length;
      const copies = delivered.filter((t) => t === text).length;
      const story = `${text}: told ${why}, Easemob answered ${statuses.join(',')}`;
      expect(copies, story).toBe(processed);
      expect(copies, story).toBeLessThanOrEqual(1);
      // What the caller was told matches what happened.
      if (outcome === 'delivered') expect([copies, statuses.at(-1)], story).toEqual([1, 200]);
      if (outcome === 'notSent') expect(copies, story).toBe(0);
      // An ambiguous failure went out when Easemob processed it: always after a reset or a 500
      // (the faults fire after processing); not after a 503 before processing; after a timeout,
      // unless the client gave up before the request reached Easemob (on a loaded machine).
      if (outcome === 'ambiguous') {
        if (copies === 1) tally.ambiguousDelivered++;
        else expect(['503', 'timeout'], story).toContain(why);
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

  it('notSent is true only when every attempt was turned away, not when the last one was', async () => {
    const { run, emulator } = await startGraphQL({
      emulator: { seed },
      client: { retry: { maxRetries: 2, initialDelayMs: 0, maxDelayMs: 0 }, circuitBreaker: false },
    });
    // A read: a 503 (it may have been processed), then the limiter's 429 on each retry.
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503, times: 1 });
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 429 });
    const read = await run('{ user(username: "alice") { username } }');
    expect(emulator.calls.list('users.get').map((c) => c.status)).toEqual([503, 429, 429]);
    expect(read.errors?.[0]?.extensions?.upstream).toEqual({
      status: 429,
      code: expect.any(String),
      retryable: true,
      notSent: false,
    });

    // A send answered 503: not repeated, and maybe delivered (here it was not: before processing).
    emulator.faults.add({ endpoint, kind: 'status', status: 503, times: 1 });
    const ambiguous = await run(send, { text: 'maybe' });
    expect(ambiguous.errors?.[0]?.extensions?.upstream).toMatchObject({
      status: 503,
      notSent: false,
    });
    expect(emulator.calls.count(endpoint)).toBe(1);

    // A send the limiter turned away on every attempt: certainly not delivered, safe to repeat.
    emulator.faults.add({ endpoint, kind: 'status', status: 429, times: 3 });
    const refused = await run(send, { text: 'refused' });
    expect(refused.errors?.[0]?.extensions?.upstream).toMatchObject({ status: 429, notSent: true });
    expect(emulator.calls.count(endpoint)).toBe(1 + 3);
    expect(emulator.state.sentMessages).toHaveLength(0);
  });
});
