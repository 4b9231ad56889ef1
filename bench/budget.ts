import { isDeepStrictEqual } from 'node:util';
import { SignJWT } from 'jose';
import { easemobRateBudgets } from '../src/easemob/rate-budget.js';
import { startRedis } from '../test/support/redis.js';
import {
  cardUser,
  cardUsers,
  distinctUser,
  floodUser,
  freshCases,
  freshLanes,
  steadyUser,
} from './budget-data.js';
import { gatewayEnv } from './gateway-env.js';
import { closedLoop, gatewayPool, type Outcome, paced, seeded, zipf } from './load.js';
import { cpuMs, freePort, type Started, startNode, type Upstream } from './processes.js';

/**
 * The call budget phase of `npm run bench`: the gateway in its default configuration (client-side
 * budget on, cache on) in front of an emulator enforcing Easemob's documented rate limits
 * (Easemob「接口限流说明」: 100 calls/s per app, batch status 50/s…), so every 429 Easemob would
 * answer is counted. Four scenarios: hot (a Zipf-popular public card), distinct (a status per
 * request, each of another user), flood (one caller floods, another must still be served within
 * the wait bound) and fresh (write-then-read pairs across two instances sharing Redis).
 */
export interface BudgetOptions {
  smoke: boolean;
  /** How to start the gateway: from dist/ (bench) or src/ via tsx (smoke). */
  gatewayArgs: string[];
  log: (line: string) => void;
}

export interface BudgetReport {
  table: string;
  line: string;
  /** The invariants held: no 429, no stale read, the steady caller always served in time. */
  ok: boolean;
  problems: string[];
}

const tsx = ['--import', 'tsx'];
const jwtSecret = 'bench-jwt-secret-0123456789abcdef0123456789';
const adminKey = 'bench-budget-admin-key-0123456789abcdef';
const maxWaitMs = easemobRateBudgets.maxWaitMs;

interface Stats {
  counts: Record<string, number>;
  total: number;
  rejected: Record<string, number>;
  statusCalls: number;
  statusNames: number;
}

export async function runBudget(options: BudgetOptions): Promise<BudgetReport> {
  const { smoke, log } = options;
  const size = smoke
    ? { users: 100, hotWorkers: 20, hotSeconds: 1.5, distinctWorkers: 20, distinctSeconds: 1.5 }
    : {
        users: cardUsers,
        hotWorkers: 200,
        hotSeconds: 10,
        distinctWorkers: 100,
        distinctSeconds: 6,
      };
  const flood = smoke ? { workers: 50, seconds: 2 } : { workers: 500, seconds: 10 };
  const freshPairs = smoke ? 2 * freshLanes * freshCases.length : 1000;
  const started: Started[] = [];
  const problems: string[] = [];
  let rejected = 0;
  const rejectedBy: Record<string, number> = {};

  try {
    log('bench: budget phase: the emulator with Easemob’s rate limits on');
    const emulator = await startNode([...tsx, 'bench/emulator.ts'], { BENCH_EMULATOR: 'budget' });
    started.push(emulator);
    const upstream = JSON.parse(emulator.first) as Upstream & { statsUrl: string };
    const stats = async (): Promise<Stats> =>
      (await (await fetch(upstream.statsUrl)).json()) as Stats;
    const resetCalls = () => fetch(`${upstream.url}/_emulator/calls`, { method: 'DELETE' });
    /** The calls since the last reset, their 429s added to the phase's. */
    const collect = async () => {
      const s = await stats();
      for (const [endpoint, n] of Object.entries(s.rejected)) {
        rejected += n;
        rejectedBy[endpoint] = (rejectedBy[endpoint] ?? 0) + n;
      }
      const rejectedHere = Object.values(s.rejected).reduce((a, n) => a + n, 0);
      return { ...s, data: s.total - (s.counts.token ?? 0), rejectedHere };
    };

    const startGateway = async (extra: Record<string, string> = {}) => {
      const port = await freePort();
      const gateway = await startNode(
        options.gatewayArgs,
        gatewayEnv(upstream, port, adminKey, {
          // Callers are told apart by their JWTs' subjects; the fresh pairs write as a backend.
          JWT_SECRET: jwtSecret,
          ...extra,
          ...(JSON.parse(process.env.BENCH_GATEWAY_ENV ?? '{}') as Record<string, string>),
        }),
        /"msg":"GraphQL: /,
      );
      started.push(gateway);
      return { gateway, url: `http://127.0.0.1:${port}` };
    };

    const key = new TextEncoder().encode(jwtSecret);
    const token = (sub: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    const readers = await Promise.all(Array.from({ length: 8 }, (_, i) => token(`reader-${i}`)));
    const flooder = await token('flooder');
    const steady = await token('steady');
    const body = (query: string, username: string) =>
      JSON.stringify({ query, variables: { username } });
    const cardQuery =
      'query Card($username: String!) { user(username: $username) { nickname status } }';
    const statusOfEntity =
      'query Status($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { status } } }';
    const nicknameQuery =
      'query Nickname($username: String!) { user(username: $username) { nickname } }';

    const { gateway, url } = await startGateway();
    const pool = gatewayPool(url, size.hotWorkers);

    // Every card once: profiles cost one call per user per TTL (60 s), and a measurement that
    // starts cold measures the first 10 s of Easemob's budget, not the steady state.
    log(`bench: budget: warming ${size.users} profiles`);
    const warm = await closedLoop(pool, 20, { requests: size.users }, (_w, n) => ({
      body: body(cardQuery, cardUser(n)),
      token: readers[0]!,
    }));
    if (warm.served !== size.users) {
      problems.push(`warm-up served ${warm.served}/${size.users}: ${JSON.stringify(warm.failed)}`);
    }

    log(`bench: budget: hot, ${size.hotWorkers} callers, Zipf(1) over ${size.users} users`);
    const warmCalls = await collect();
    if (warmCalls.rejectedHere) log(`bench: budget: ${warmCalls.rejectedHere} × 429 while warming`);
    await resetCalls();
    const draw = zipf(size.users, 1, seeded(42));
    const cpuBefore = cpuMs(gateway.child.pid!);
    const hot = await closedLoop(pool, size.hotWorkers, { seconds: size.hotSeconds }, (w) => ({
      body: body(cardQuery, cardUser(draw())),
      token: readers[w % readers.length]!,
    }));
    const hotCpu = cpuMs(gateway.child.pid!) - cpuBefore;
    const hotCalls = await collect();
    await resetCalls();

    // A status nobody asked before, each request: through `_entities`, which reads no profile
    // (a gateway names a user by username alone), of names Easemob reads as offline (its batch
    // status answers unknown users so). No cache can answer them: every status goes through the
    // shared batches, which is what this scenario measures.
    log(`bench: budget: distinct, ${size.distinctWorkers} callers`);
    let next = 0;
    const distinct = await closedLoop(
      pool,
      size.distinctWorkers,
      { seconds: size.distinctSeconds },
      (w) => ({
        body: JSON.stringify({
          query: statusOfEntity,
          variables: { reps: [{ __typename: 'User', username: distinctUser(next++) }] },
        }),
        token: readers[w % readers.length]!,
      }),
    );
    const distinctCalls = await collect();
    await resetCalls();
    await pool.close();

    // The flood asks distinct users (identical reads would share one call: that is not a flood),
    // so each of its requests needs its own profile call; the steady caller's requests each need
    // one too (a user nobody else asks), so it competes for the same app-wide budget.
    log(`bench: budget: flood, ${flood.workers} concurrent requests beside one every 100 ms`);
    const floodPool = gatewayPool(url, flood.workers);
    // An open loop needs a connection per request in flight: 10 a second, each up to the wait
    // bound and a second more. With fewer, its requests queue here, not in the gateway.
    const steadyPool = gatewayPool(url, Math.ceil(((maxWaitMs + 1000) / 100) * 1.5));
    await Promise.all([floodPool.connect(flooder), steadyPool.connect(steady)]);
    let floodNext = 0;
    const [floodOutcome, steadyOutcome] = await Promise.all([
      closedLoop(floodPool, flood.workers, { seconds: flood.seconds }, () => ({
        body: body(nicknameQuery, floodUser(floodNext++)),
        token: flooder,
      })),
      paced(steadyPool, 100, flood.seconds, (n) => ({
        body: body(cardQuery, steadyUser(n)),
        token: steady,
      })),
    ]);
    const floodCalls = await collect();
    await Promise.all([floodPool.close(), steadyPool.close()]);
    await gateway.stop();

    log(`bench: budget: fresh, ${freshPairs} write-then-read pairs across two instances`);
    const redis = await startRedis();
    let fresh: FreshOutcome;
    try {
      const one = await startGateway({ REDIS_URL: redis.url });
      const two = await startGateway({ REDIS_URL: redis.url });
      fresh = await freshPairsRun(one.url, two.url, freshPairs);
      await Promise.all([one.gateway.stop(), two.gateway.stop()]);
    } finally {
      await redis.stop();
    }
    const freshCalls = await collect();

    // ---- report ----
    const rps = (o: Outcome) => o.served / o.seconds;
    const hotRps = rps(hot);
    const callsPerServed = hotCalls.data / Math.max(1, hot.served);
    const namesPerCall = distinctCalls.statusNames / Math.max(1, distinctCalls.statusCalls);
    const floodMax = Math.max(floodOutcome.maxMs, steadyOutcome.maxMs);
    const failed = (o: Outcome) =>
      Object.entries(o.failed)
        .map(([code, n]) => `${n} ${code}`)
        .join(', ') || 'none';
    const mark = (met: boolean) => (met ? 'met' : '**not met**');
    const rows = [
      `| hot: \`user(username) { nickname status }\`, ${size.hotWorkers} callers, Zipf(1) over ${size.users} users, ${hot.seconds.toFixed(1)} s | ≥ 1,000 served req/s, 0 × 429, p99 ≤ 1 s | **${hotRps.toFixed(0)} req/s** (${hot.served} served; failed: ${failed(hot)}); p50 / p99 ${hot.p50} / **${hot.p99} ms**; ${hotCalls.data} upstream calls = **${callsPerServed.toFixed(4)} calls per served request** (${describe(hotCalls.counts)}), ${hotCalls.rejectedHere} × 429; gateway CPU ${((hotCpu * 1000) / Math.max(1, hot.sent)).toFixed(0)} µs/req | ${mark(hotRps >= 1000 && hot.p99 <= 1000)} |`,
      `| distinct: \`_entities { ... on User { status } }\` (no profile read), ${size.distinctWorkers} callers, a different user each request, ${distinct.seconds.toFixed(1)} s | ≥ 20 names per batch-status call | **${namesPerCall.toFixed(1)} names per call** (${distinctCalls.statusNames} names in ${distinctCalls.statusCalls} calls), ${distinctCalls.rejectedHere} × 429; ${rps(distinct).toFixed(0)} served req/s, p99 ${distinct.p99} ms, failed: ${failed(distinct)} | ${mark(namesPerCall >= 20)} |`,
      `| flood: caller A ${flood.workers} concurrent \`user { nickname }\` of distinct users; caller B one card every 100 ms, ${floodOutcome.seconds.toFixed(1)} s | every response within ${maxWaitMs} + 1,000 ms; B always served | A: ${floodOutcome.served} served, ${failed(floodOutcome)}, max **${floodOutcome.maxMs} ms** (p99 ${floodOutcome.p99}); B: **${steadyOutcome.served}/${steadyOutcome.sent} served**, max **${steadyOutcome.maxMs} ms** (p99 ${steadyOutcome.p99}); ${floodCalls.data} upstream calls (${describe(floodCalls.counts)}), ${floodCalls.rejectedHere} × 429 | ${mark(floodMax <= maxWaitMs + 1000 && steadyOutcome.served === steadyOutcome.sent)} |`,
      `| fresh: write through instance 1, read through instance 2 (shared Redis), ${freshCases.length} kinds of write in turn | 0 stale reads in 1,000 pairs | **${fresh.stale} stale** in ${fresh.pairs} pairs (${fresh.writeErrors} write errors, ${fresh.readErrors} read errors; ${fresh.staleKinds.join(', ') || 'no kind stale'}); ${freshCalls.data} upstream calls, ${freshCalls.rejectedHere} × 429 | ${mark(fresh.stale === 0 && fresh.pairs >= freshPairs)} |`,
    ];
    const table = [
      `Budget ON (the default configuration: cache on, Easemob's budgets in the client, wait bound ${maxWaitMs} ms) and the emulator enforcing Easemob's rate limits (100 calls/s per app, batch status 50/s…). ${smoke ? 'Smoke run.' : ''}`,
      '',
      '| scenario | goal | measured | |',
      '|---|---|---|---|',
      ...rows,
      '',
      `Upstream 429s over the whole phase: **${rejected}**${rejected ? ` (${describe(rejectedBy)})` : ''}.`,
    ].join('\n');

    if (rejected > 0) problems.push(`${rejected} upstream 429s (${describe(rejectedBy)})`);
    if (fresh.stale > 0)
      problems.push(`${fresh.stale} stale reads (${fresh.staleKinds.join(', ')})`);
    if (fresh.writeErrors + fresh.readErrors > 0) {
      problems.push(`fresh pairs: ${fresh.writeErrors} write and ${fresh.readErrors} read errors`);
    }
    if (steadyOutcome.served !== steadyOutcome.sent) {
      problems.push(`the steady caller got ${failed(steadyOutcome)} beside the flood`);
    }
    if (floodMax > maxWaitMs + 1000) problems.push(`a flood-phase response took ${floodMax} ms`);
    if (namesPerCall < (smoke ? 3 : 20)) {
      problems.push(`${namesPerCall.toFixed(1)} names per batch-status call`);
    }
    const line = `bench-budget: hot ${hotRps.toFixed(0)} req/s; 429s ${rejected}; names per status call ${namesPerCall.toFixed(1)}; flood max ${Math.round(floodMax)} ms; stale reads ${fresh.stale}`;
    return { table, line, ok: problems.length === 0, problems };
  } finally {
    await Promise.all(started.map((p) => p.stop()));
  }
}

function describe(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}

interface FreshOutcome {
  pairs: number;
  stale: number;
  writeErrors: number;
  readErrors: number;
  staleKinds: string[];
}

/**
 * Lanes side by side, each on its own users, each running every kind of write in turn: write
 * through `writerUrl`, and once it answered, read through `readerUrl`. Each read also fills the
 * shared cache with the value the next write of its kind must evict.
 */
async function freshPairsRun(
  writerUrl: string,
  readerUrl: string,
  total: number,
): Promise<FreshOutcome> {
  const writes = gatewayPool(writerUrl, freshLanes);
  const reads = gatewayPool(readerUrl, freshLanes);
  const outcome: FreshOutcome = {
    pairs: 0,
    stale: 0,
    writeErrors: 0,
    readErrors: 0,
    staleKinds: [],
  };
  const post = async (pool: typeof writes, query: string) => {
    const response = await pool.raw(query, adminKey);
    return response as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  const check = async (lane: number, kind: (typeof freshCases)[number], n: number) => {
    const answer = await post(reads, kind.read(lane));
    if (answer.errors || !answer.data) {
      outcome.readErrors++;
      return;
    }
    if (!isDeepStrictEqual(kind.show(answer.data), kind.expected(lane, n))) {
      outcome.stale++;
      if (!outcome.staleKinds.includes(kind.name)) outcome.staleKinds.push(kind.name);
    }
  };
  try {
    // The starting values, read (and cached) first, so every write has something to evict.
    await Promise.all(
      Array.from({ length: freshLanes }, async (_, lane) => {
        for (const kind of freshCases) await check(lane, kind, 0);
      }),
    );
    if (outcome.stale + outcome.readErrors > 0) {
      throw new Error(`fresh: the starting values were not as seeded: ${JSON.stringify(outcome)}`);
    }
    let started = 0;
    await Promise.all(
      Array.from({ length: freshLanes }, async (_, lane) => {
        for (let n = 1; started < total; n++) {
          for (const kind of freshCases) {
            if (started >= total) break;
            started++;
            const written = await post(writes, kind.write(lane, n));
            if (written.errors) {
              outcome.writeErrors++;
              return;
            }
            await check(lane, kind, n);
            outcome.pairs++;
          }
        }
      }),
    );
  } finally {
    await Promise.all([writes.close(), reads.close()]);
  }
  return outcome;
}
