import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { runBudget } from './budget.js';
import { gatewayEnv, sideBySideSettings } from './gateway-env.js';
import {
  cpuMs,
  freePort,
  idleRssMb,
  rssMb,
  type Started,
  startNode,
  type Upstream,
  watchMemory,
} from './processes.js';
import { memoryScenario, type Scenario, scenarios } from './scenarios.js';

/**
 * `npm run bench`: the emulator, the gateway (production build), a direct-REST baseline and a
 * naive GraphQL layer, each its own process on this machine; one markdown table from one run.
 * The warm-cache scenarios add a second gateway with its cache on, timed against the same baseline.
 * Then the call budget phase (budget.ts): the default configuration against Easemob's rate limits.
 * `--smoke`: the gateway from source, tiny loads, nothing written; fails unless every call count
 * equals its minimum and every budget invariant holds (what `npm test` runs).
 */
const { values: flags } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    requests: { type: 'string' },
    connections: { type: 'string', default: '32' },
    /** Writes a V8 CPU profile of the gateway to bench/profiles/ (see bench/profile-summary.ts). */
    profile: { type: 'boolean', default: false },
    /** Only the scenarios with these ids (comma-separated); no budget phase. */
    only: { type: 'string' },
    /** Only the budget phase. */
    budget: { type: 'boolean', default: false },
  },
});
const smoke = flags.smoke;
const roundSeconds = Number(flags.seconds ?? (smoke ? 1 : 3));
const memoryRequests = Number(flags.requests ?? (smoke ? 1000 : 100_000));
/** Timed rounds per target and scenario (baseline and gateway alternate); the naive layer runs one. */
const rounds = smoke ? 1 : 2;
const connections = Number(flags.connections);
/**
 * What one timed round sends. A smoke run times nothing: it proves each scenario runs under load
 * and counts the warm gateway's calls per request, for which two requests per connection do; and a
 * fixed amount ends when every request is answered, while a timed round leaves one per connection
 * to drain (a second or more for 1,000 contacts).
 */
const roundLoad =
  smoke && !flags.seconds ? { amount: 2 * connections } : { duration: roundSeconds };
const adminKey = 'bench-admin-key-0123456789abcdef';
const tsx = ['--import', 'tsx'];
const profiling = flags.profile ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : [];
const chosen = flags.only
  ? scenarios.filter((s) => flags.only?.split(',').includes(s.id))
  : scenarios;

interface Measured {
  requests: number;
  /** Requests sent, those the round's end cut off included (their upstream calls count too). */
  sent: number;
  seconds: number;
  p50: number;
  p99: number;
  cpuMs: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const started: Started[] = [];

const gatewayArgs = smoke ? [...tsx, 'src/main.ts'] : [...profiling, 'dist/main.js'];

async function main(): Promise<boolean> {
  const sideBySide = flags.budget ? true : await compare();
  await Promise.all(started.splice(0).map((p) => p.stop()));
  if (flags.only) return sideBySide;
  const budget = await runBudget({ smoke, gatewayArgs, log });
  console.log(budget.table);
  if (!smoke && !flags.profile) writeResults(budget.table, 'budget');
  for (const problem of budget.problems) log(`bench: budget: ${problem}`);
  console.log(budget.line);
  return sideBySide && budget.ok;
}

/** The side-by-side phase: gateway, baseline and naive layer on the same operations. */
async function compare(): Promise<boolean> {
  log('bench: starting the emulator');
  const emulator = await startNode([...tsx, 'bench/emulator.ts'], {});
  started.push(emulator);
  const upstream = JSON.parse(emulator.first) as Upstream;
  const upstreamEnv = { BENCH_UPSTREAM: emulator.first };

  const startGateway = async (cache: boolean) => {
    const port = await freePort();
    const child = await startNode(
      gatewayArgs,
      {
        ...gatewayEnv(upstream, port, adminKey, sideBySideSettings),
        // Side by side with the baseline, nothing cached: a request alone makes the same calls
        // through every target. The warm-cache scenarios' gateway keeps the default cache and TTLs.
        ...(cache ? {} : { CACHE: 'false' }),
      },
      // The banner is a JSON log line once stdout is not a terminal.
      /"msg":"GraphQL: /,
    );
    started.push(child);
    return { url: () => `http://127.0.0.1:${port}/graphql`, pid: child.child.pid! };
  };
  const startTracked = async (args: string[]) => {
    const child = await startNode(args, upstreamEnv);
    started.push(child);
    return child;
  };
  // Together: each spends its start loading modules, and one waiting for another gains nothing.
  const [gateway, cached, baseline, naive] = await Promise.all([
    startGateway(false),
    // Started only when a chosen scenario needs it: a process less on the shared cores otherwise.
    chosen.some((s) => s.warmCache) ? startGateway(true) : undefined,
    startTracked([...tsx, 'bench/baseline.ts']),
    startTracked([...tsx, 'bench/naive.ts']),
  ]);
  const gatewayStartedAt = performance.now();

  const targets = {
    gateway,
    // Never asked for when no warm scenario was chosen (gatewayOf); the type stays simple.
    cached: cached ?? gateway,
    baseline: {
      url: (s: Scenario) => `http://127.0.0.1:${portOf(baseline)}/${s.operation ?? s.id}`,
      pid: baseline.child.pid!,
    },
    naive: { url: () => `http://127.0.0.1:${portOf(naive)}/graphql`, pid: naive.child.pid! },
  };
  type Target = keyof typeof targets;
  /** The gateway that serves a scenario: the cache-on one for the warm scenarios. */
  const gatewayOf = (s: Scenario): Target => (s.warmCache ? 'cached' : 'gateway');
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${adminKey}`,
  };
  const bodyOf = (s: Scenario, variables = s.variables) =>
    JSON.stringify({ query: s.query, variables, operationName: null });
  const post = async (target: Target, s: Scenario, variables = s.variables) => {
    const response = await fetch(targets[target].url(s), {
      method: 'POST',
      headers,
      body: bodyOf(s, variables),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown };
  };
  const memory = watchMemory(targets.gateway.pid);
  const rssAtStart = rssMb(targets.gateway.pid);
  const cachedMemory = cached && watchMemory(cached.pid);
  const cachedRssAtStart = cached && rssMb(cached.pid);
  // Before any request: the production start left alone (not in a smoke run, which starts from
  // source and has no time to spare).
  const idle = smoke ? undefined : await idleRssMb(targets.gateway.pid, gatewayStartedAt);
  const rssIdle = idle?.mb ?? Number.NaN;
  if (idle) {
    log(
      `bench: idle RSS ${idle.startMb.toFixed(0)} → ${idle.mb.toFixed(0)} MB${idle.fellAfterMs === undefined ? ' (no drop)' : `, fell ${(idle.fellAfterMs / 1000).toFixed(0)} s after start`}`,
    );
  }

  // Same answers everywhere (and every token fetched) before anything is counted or timed; the
  // cache-on gateway twice, so its cached answer is compared too.
  for (const s of chosen) {
    const checked = s.variablesCycle
      ? [...s.variablesCycle.slice(0, 3), s.variablesCycle.at(-1)!]
      : [s.variables];
    const compared: Target[] = s.warmCache ? ['cached', 'cached'] : ['gateway', 'naive'];
    for (const variables of checked) {
      const expected = await post('baseline', s, variables);
      for (const target of compared) {
        const answer = await post(target, s, variables);
        if (answer.errors || !isDeepStrictEqual(answer, expected)) {
          throw new Error(
            `${target} answered ${s.id} differently from the baseline: ${JSON.stringify(answer).slice(0, 500)}`,
          );
        }
      }
    }
  }

  log('bench: counting upstream calls');
  const resetCalls = () => fetch(`${upstream.url}/_emulator/calls`, { method: 'DELETE' });
  /** Upstream calls since the last reset, token requests aside. */
  const callsSinceReset = async () => {
    const { counts, total } = (await (await fetch(`${upstream.url}/_emulator/calls`)).json()) as {
      counts: Record<string, number>;
      total: number;
    };
    return total - (counts.token ?? 0);
  };
  /**
   * Resolves once the target has finished the requests a round's end cut off (autocannon leaves
   * one per connection unanswered; the naive layer's 1,000-contact ones go on for seconds), so
   * that work neither slows the next round nor counts as its calls. The baseline and the naive
   * layer answer `/_idle` when done (bench/idle.ts); the gateway has no such route, so for it the
   * emulator is polled until it has had no new call for 200 ms.
   */
  const settled = async (target: Target, after: string) => {
    if (target === 'baseline' || target === 'naive') {
      const server = target === 'baseline' ? baseline : naive;
      await fetch(`http://127.0.0.1:${portOf(server)}/_idle`);
      return;
    }
    let last = -1;
    for (let polls = 0; polls < 600; polls++) {
      const { total } = (await (await fetch(`${upstream.url}/_emulator/calls`)).json()) as {
        total: number;
      };
      if (total === last) {
        if (polls > 5)
          log(`bench: ${after}: the emulator went quiet after ${(polls * 0.2).toFixed(1)} s`);
        return;
      }
      last = total;
      await sleep(200);
    }
    log(`bench: ${after}: the emulator still called after 2 minutes; going on`);
  };
  const calls = async (target: Target, s: Scenario) => {
    await resetCalls();
    await post(target, s);
    return callsSinceReset();
  };
  // A warm scenario's gateway calls are counted over its timed rounds; the naive layer, which has
  // no cache, is not run again for them.
  const counted: { gateway: number; baseline: number; naive?: number }[] = [];
  for (const s of chosen) {
    counted.push({
      gateway: s.warmCache ? Number.NaN : await calls('gateway', s),
      baseline: await calls('baseline', s),
      naive: s.warmCache ? undefined : await calls('naive', s),
    });
  }

  log(`bench: memory over ${memoryRequests} requests`);
  const light = memoryScenario;
  await load('gateway', light, {
    amount: Math.max(connections, Math.min(5_000, memoryRequests / 20)),
  });
  const rssWarm = rssMb(targets.gateway.pid);
  await load('gateway', light, { amount: memoryRequests });
  const rssAfter = rssMb(targets.gateway.pid);
  const memoryCalls = await calls('gateway', memoryScenario);
  if (memoryCalls !== memoryScenario.minimum) {
    throw new Error(`the memory run's operation made ${memoryCalls} calls, not 1`);
  }

  log('bench: throughput, gateway and baseline side by side');
  const timed: {
    gateway: Measured;
    baseline: Measured;
    naive?: Measured;
    /** The gateway's upstream calls over its timed rounds per request sent. */
    gatewayCallsPerRequest: number;
  }[] = [];
  for (const [i, s] of chosen.entries()) {
    const served = gatewayOf(s);
    // One untimed round warms the cache-on gateway: its cache, and its JIT as the memory run did
    // the other gateway's.
    if (s.warmCache) {
      await load(served, s, roundLoad);
      await settled(served, `${s.id} warm-up`);
    }
    const measured = { gateway: [] as Measured[], baseline: [] as Measured[] };
    let gatewayCalls = 0;
    for (let round = 0; round < rounds; round++) {
      measured.baseline.push(await load('baseline', s, roundLoad));
      await settled('baseline', `${s.id} baseline`);
      await resetCalls();
      measured.gateway.push(await load(served, s, roundLoad));
      await settled(served, `${s.id} ${served}`);
      gatewayCalls += await callsSinceReset();
    }
    const gatewayTimed = combine(measured.gateway);
    const gatewayCallsPerRequest = gatewayCalls / gatewayTimed.sent;
    // A warm gateway's calls for one request alone say nothing: the cache answers it.
    if (s.warmCache) counted[i]!.gateway = gatewayCallsPerRequest;
    // Not for the warm rows (no cache to show), nor in a smoke run: there its timing proves nothing
    // and the fan-outs a round cuts off (1,000 calls each) take many seconds to drain.
    const naive =
      s.warmCache || smoke ? undefined : await load('naive', s, { duration: roundSeconds });
    if (naive) await settled('naive', `${s.id} naive`);
    timed.push({
      gatewayCallsPerRequest,
      gateway: gatewayTimed,
      baseline: combine(measured.baseline),
      naive,
    });
  }
  const peaks = { gateway: memory.peak, cached: cachedMemory?.peak };
  memory.stop();
  cachedMemory?.stop();
  const peak = Math.max(peaks.gateway, peaks.cached ?? 0);

  async function load(
    target: Target,
    s: Scenario,
    limit: { duration: number } | { amount: number },
  ): Promise<Measured> {
    const pid = targets[target].pid;
    const cpuBefore = cpuMs(pid);
    const result = await autocannon({
      url: targets[target].url(s),
      method: 'POST',
      headers,
      body: bodyOf(s),
      ...(s.variablesCycle && { requests: [{ setupRequest: cycleBodies(s) }] }),
      connections,
      ...limit,
      // autocannon notices that an amount is done on its sample tick (every second by default), so
      // every such run would otherwise last a whole number of seconds, however few its requests.
      ...('amount' in limit && { sampleInt: 50 }),
    });
    if (result.non2xx || result.errors) {
      throw new Error(`${target} ${s.id}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    return {
      requests: result.requests.total,
      // Not in @types/autocannon, but autocannon reports it.
      sent: (result.requests as { sent?: number }).sent ?? result.requests.total,
      seconds: result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuMs: cpuMs(pid) - cpuBefore,
    };
  }

  /** Each request built takes the scenario's next variables, across all connections of a run. */
  function cycleBodies(s: Scenario) {
    const bodies = (s.variablesCycle ?? []).map((variables) => bodyOf(s, variables));
    let next = 0;
    return (request: autocannon.Request) => ({
      ...request,
      body: bodies[next++ % bodies.length],
    });
  }

  // ---- report ----
  const rows: string[] = [];
  const ratios = { throughput: [] as number[], p99: [] as number[] };
  let atMinimum = 0;
  chosen.forEach((s, i) => {
    const c = counted[i]!;
    const t = timed[i]!;
    // A warm gateway may answer from its cache: at most the cold minimum, fewer being the point.
    if (s.warmCache ? c.gateway <= s.minimum : c.gateway === s.minimum) atMinimum++;
    const rps = (m: Measured) => m.requests / m.seconds;
    const throughputRatio = rps(t.gateway) / rps(t.baseline);
    const p99Ratio = t.gateway.p99 / t.baseline.p99;
    ratios.throughput.push(throughputRatio);
    ratios.p99.push(p99Ratio);
    const cpu = (m: Measured) => ((m.cpuMs * 1000) / m.requests).toFixed(0);
    const naive = t.naive;
    const minimum = `${s.warmCache ? '≤ ' : ''}${s.minimumText} = ${s.minimum}`;
    rows.push(
      `| ${s.title} | ${minimum} | **${perRequest(c.gateway)}** | ${c.naive ?? '—'} | ` +
        `${rps(t.baseline).toFixed(0)} | ${rps(t.gateway).toFixed(0)} | ${naive ? rps(naive).toFixed(0) : '—'} | ` +
        `**${throughputRatio.toFixed(2)}** | ${t.baseline.p50} / ${t.baseline.p99} | ` +
        `${t.gateway.p50} / ${t.gateway.p99} | ${naive ? `${naive.p50} / ${naive.p99}` : '—'} | **${p99Ratio.toFixed(2)}** | ` +
        `${cpu(t.baseline)} / ${cpu(t.gateway)} | ${perRequest(t.gatewayCallsPerRequest)} |`,
    );
  });
  const throughputRatio = Math.min(...ratios.throughput);
  const p99Ratio = Math.max(...ratios.p99);
  const growth = ((rssAfter - rssWarm) / rssWarm) * 100;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const table = [
    `Machine: ${machine}. ${connections} connections, ${smoke ? `smoke run (1 round of ${'amount' in roundLoad ? `${roundLoad.amount} requests` : `${roundSeconds} s`} per target, naive layer not timed)` : `${rounds} × ${roundSeconds} s rounds per target (baseline and gateway alternating), naive 1 round`}.`,
    '',
    '| operation | minimum calls | gateway calls | naive calls | baseline req/s | gateway req/s | naive req/s | throughput gateway/baseline | baseline p50/p99 ms | gateway p50/p99 ms | naive p50/p99 ms | p99 gateway/baseline | CPU µs/req baseline / gateway | gateway calls/req under load |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Gateway memory (RSS, ${memoryScenario.title}, ${memoryScenario.minimum} upstream call each): ${rssAtStart.toFixed(0)} MB at start, ${smoke ? '' : `${rssIdle.toFixed(0)} MB idle (V8's memory reducer done, before any request), `}${rssWarm.toFixed(0)} MB after warm-up, ` +
      `${rssAfter.toFixed(0)} MB after ${memoryRequests.toLocaleString('en')} more requests ` +
      `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %), peak ${peaks.gateway.toFixed(0)} MB over the whole run.` +
      (peaks.cached === undefined
        ? ''
        : ` The cache-on gateway (warm-cache rows): ${cachedRssAtStart?.toFixed(0)} MB at start, peak ${peaks.cached.toFixed(0)} MB.`),
  ].join('\n');
  console.log(table);
  if (!smoke && !flags.only && !flags.profile) writeResults(table, 'bench');
  console.log(
    `bench: minimum-calls ${atMinimum}/${chosen.length} scenarios; throughput ratio ${throughputRatio.toFixed(2)}; p99 ratio ${p99Ratio.toFixed(2)}; peak RSS ${peak.toFixed(0)} MB${smoke ? '' : `; idle RSS ${rssIdle.toFixed(0)} MB`}`,
  );
  return atMinimum === chosen.length;
}

/** Calls per request under load are fractions; a single request's whole calls. */
function perRequest(calls: number): string {
  if (!Number.isFinite(calls)) return '—';
  return Number.isInteger(calls) ? String(calls) : calls.toPrecision(2);
}

function portOf(process: Started): number {
  return (JSON.parse(process.first) as { port: number }).port;
}

function combine(runs: Measured[]): Measured {
  const sum = (pick: (r: Measured) => number) => runs.reduce((a, r) => a + pick(r), 0);
  return {
    requests: sum((r) => r.requests),
    sent: sum((r) => r.sent),
    seconds: sum((r) => r.seconds),
    p50: Math.round((sum((r) => r.p50) / runs.length) * 10) / 10,
    p99: Math.round((sum((r) => r.p99) / runs.length) * 10) / 10,
    cpuMs: sum((r) => r.cpuMs),
  };
}

/** Replaces one measured part of bench/RESULTS.md, keeping the notes written around it. */
function writeResults(table: string, part: 'bench' | 'budget') {
  const path = new URL('./RESULTS.md', import.meta.url);
  const start = `<!-- ${part}:start -->`;
  const end = `<!-- ${part}:end -->`;
  const measured = `${start}\n${table}\n${end}`;
  let text = `# Benchmark results\n\nWritten by \`npm run bench\`.\n\n${measured}\n`;
  try {
    const previous = readFileSync(path, 'utf8');
    const from = previous.indexOf(start);
    const to = previous.indexOf(end);
    if (from >= 0 && to > from) {
      text = previous.slice(0, from) + measured + previous.slice(to + end.length);
    } else {
      text = `${previous.trimEnd()}\n\n${measured}\n`;
    }
  } catch {
    // First run: no notes yet.
  }
  writeFileSync(path, text);
}

main()
  .then(async (ok) => {
    await Promise.all(started.map((p) => p.stop()));
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    await Promise.all(started.map((p) => p.stop()));
    process.exit(1);
  });
