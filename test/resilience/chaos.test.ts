import { describe, expect, it } from 'vitest';
import type { EndpointName } from '../../src/easemob/endpoints.js';
import { seededRandom } from '../support/clock.js';
import { type GraphQLResponse, startGraphQL, uncached } from '../support/graphql.js';
import {
  report,
  runConcurrently,
  sleep,
  timed,
  until,
  watchUnhandledRejections,
} from '../support/load.js';

const names = Array.from({ length: 20 }, (_, i) => `user${String(i).padStart(2, '0')}`);
const contactPairs = names.flatMap((name, i) =>
  [1, 2, 3].map((step) => [name, names[(i + step) % names.length]!] as [string, string]),
);
const seed = {
  users: names.map((username) => ({ username, password: 'pw', nickname: `N ${username}` })),
  contacts: contactPairs,
  online: names.filter((_, i) => i % 3 === 0),
};

const card = `query Card($u: String!) {
  user(username: $u) { username nickname status offlineCount contacts { username status } }
}`;

/** What the card must read when nothing failed. */
function expectedCard(username: string) {
  const status = (name: string) => (seed.online.includes(name) ? 'ONLINE' : 'OFFLINE');
  const contacts = contactPairs
    .flatMap(([a, b]) => (a === username ? [b] : b === username ? [a] : []))
    .sort();
  return {
    username,
    nickname: `N ${username}`,
    status: status(username),
    offlineCount: 0,
    contacts: contacts.map((name) => ({ username: name, status: status(name) })),
  };
}

const reads: EndpointName[] = ['users.get', 'offline.count', 'contacts.list', 'status.batch'];
const timeoutMs = 500;
const retryBudgetMs = 1_000;
// The card reads in three rounds (profile; offline count and contacts; batch status), each
// bounded by the retry budget plus one last attempt's timeout.
const perQueryBoundMs = 3 * (retryBudgetMs + timeoutMs) + 1_000;

describe('30% chaos on every read endpoint', () => {
  it('200 UserCard queries: clean data or RATE_LIMITED / UPSTREAM_UNAVAILABLE, each in bounded time', async () => {
    const rejections = watchUnhandledRejections();
    const halfOpenAfterMs = 200;
    const { run, emulator, client } = await startGraphQL({
      // Seeded draws: the same faults fire in the same order on every run.
      emulator: { seed, random: seededRandom(30) },
      // Every read reaches the faulty Easemob; the cache would hide most of them.
      reads: uncached,
      client: {
        timeoutMs,
        retry: { maxRetries: 3, budgetMs: retryBudgetMs, initialDelayMs: 10, maxDelayMs: 100 },
        // The default threshold; a short open period so a trip (rare) costs little.
        circuitBreaker: { halfOpenAfterMs },
      },
    });
    let openings = 0;
    client.circuit.onStateChange((state) => {
      if (state === 'open') openings++;
    });
    for (const endpoint of reads) {
      emulator.faults.add({ endpoint, kind: 'status', status: 429, probability: 0.3 });
      emulator.faults.add({ endpoint, kind: 'status', status: 503, probability: 0.3 });
      emulator.faults.add({ endpoint, kind: 'delay', ms: 50, probability: 0.3 });
      // Longer than the client's timeout: the attempt times out and is retried (reads are idempotent).
      emulator.faults.add({ endpoint, kind: 'delay', ms: 2 * timeoutMs, probability: 0.1 });
    }

    const answers = await runConcurrently(200, 10, (i) => {
      const username = names[i % names.length]!;
      return timed(() => run(card, { u: username })).then((t) => ({ username, ...t }));
    });

    const codes = new Map<string, number>();
    let clean = 0;
    for (const { username, value, ms } of answers) {
      expect(ms).toBeLessThan(perQueryBoundMs);
      if (!value.errors) {
        expect(sortedContacts(value.data)).toEqual({ user: expectedCard(username) });
        clean++;
        continue;
      }
      for (const error of value.errors) {
        const code = String(error.extensions?.code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        expect(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']).toContain(code);
      }
    }
    const statuses = countBy(emulator.calls.list().map((call) => call.status));
    report('chaos', {
      clean,
      failed: 200 - clean,
      errorCodes: Object.fromEntries(codes),
      maxMs: Math.round(Math.max(...answers.map((a) => a.ms))),
      openings,
      upstreamCalls: emulator.calls.count(),
      upstreamStatuses: statuses,
    });
    // The faults really fired. Retries absorb most of them — unless a run of failures tripped the
    // breaker (rare at the default threshold), whose open period fails every card fast.
    expect(statuses[429]).toBeGreaterThan(50);
    expect(statuses[503]).toBeGreaterThan(50);
    if (openings === 0) expect(clean).toBeGreaterThan(100);

    // Once Easemob is healthy again (and the circuit, if it opened, has let a trial through),
    // the same server answers cleanly.
    emulator.faults.clear();
    // Attempts the client gave up on are still held by delay faults: wait for every answer.
    await until(() => emulator.calls.list().every((call) => call.status !== -1));
    // The breaker's open period runs on the client's real clock; only a trip makes it matter.
    if (client.circuit.state === 'open') await sleep(halfOpenAfterMs + 50);
    const after = await runConcurrently(20, 5, (i) => run(card, { u: names[i]! }));
    after.forEach((answer: GraphQLResponse<unknown>, i) => {
      expect(answer.errors).toBeUndefined();
      expect(sortedContacts(answer.data)).toEqual({ user: expectedCard(names[i]!) });
    });
    expect(rejections.stop()).toEqual([]);
  });
});

/** Easemob lists contacts in no documented order: compare them sorted. */
// biome-ignore lint/suspicious/noExplicitAny: a card as JSON
function sortedContacts(data: any) {
  const contacts = [...(data?.user?.contacts ?? [])].sort((a, b) =>
    a.username.localeCompare(b.username),
  );
  return { ...data, user: { ...data.user, contacts } };
}

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
