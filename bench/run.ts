import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { runBudget } from './budget.js';
import {
  cpuMs,
  freePort,
  rssMb,
  type Started,
  startNode,
  type Upstream,
  watchMemory,
} from './processes.js';
import { contactCount, memoryScenario, type Scenario, scenarios } from './scenarios.js';

/**
 * `npm run bench`: the emulator, the gateway (production build), a direct-REST baseline and a
 * naive GraphQL layer, each its own process on this machine; one markdown table from one run.
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
const memoryRequests = Number(flags.requests ?? (smoke ? 2000 : 100_000));
const connections = Number(flags.connections);
const adminKey = 'bench-admin-key-0123456789abcdef';
const tsx = ['--import', 'tsx'];
const profiling = flags.profile ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : [];
const chosen = flags.only
  ? scenarios.filter((s) => flags.only?.split(',').includes(s.id))
  : scenarios;

interface Measured {
  requests: number;
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

  const gatewayPort = await freePort();
  const gateway = await startNode(
    gatewayArgs,
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(gatewayPort),
      EASEMOB_BASE_URL: upstream.url,
      EASEMOB_ORG_NAME: upstream.orgName,
      EASEMOB_APP_NAME: upstream.appName,
      EASEMOB_CLIENT_ID: upstream.clientId,
      EASEMOB_CLIENT_SECRET: upstream.clientSecret,
      ADMIN_API_KEYS: adminKey,
      // Production refuses an open /metrics; the gateway runs as deployed, metrics on.
      METRICS_TOKEN: 'bench-metrics-token-0123456789',
      // The emulator enforces no plan; Easemob's would cap every variant alike.
      UPSTREAM_RATE_LIMIT_PER_SECOND: '0',
      // Side by side with the baseline, every target makes the same calls: nothing cached.
      CACHE: 'false',
      MAX_COMPLEXITY: '100000',
      // The hub's contact list as the call estimate should see it: 1 + 10 calls, within the limit.
      COST_CONTACT_LIST_SIZE: String(contactCount),
    },
    // The banner is a JSON log line once stdout is not a terminal.
    /"msg":"GraphQL: /,
  );
  started.push(gateway);
  const baseline = await startNode([...tsx, 'bench/baseline.ts'], upstreamEnv);
  started.push(baseline);
  const naive = await startNode([...tsx, 'bench/naive.ts'], upstreamEnv);
  started.push(naive);

  const targets = {
    gateway: { url: () => `http://127.0.0.1:${gatewayPort}/graphql`, pid: gateway.child.pid! },
    baseline: {
      url: (s: Scenario) => `http://127.0.0.1:${portOf(baseline)}/${s.id}`,
      pid: baseline.child.pid!,
    },
    naive: { url: () => `http://127.0.0.1:${portOf(naive)}/graphql`, pid: naive.child.pid! },
  };
  type Target = keyof typeof targets;
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${adminKey}`,
  };
  const bodyOf = (s: Scenario) =>
    JSON.stringify({ query: s.query, variables: s.variables, operationName: null });
  const post = async (target: Target, s: Scenario) => {
    const response = await fetch(targets[target].url(s), {
      method: 'POST',
      headers,
      body: bodyOf(s),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown };
  };
  const memory = watchMemory(targets.gateway.pid);
  const rssAtStart = rssMb(targets.gateway.pid);

  // Same answers everywhere (and every token fetched) before anything is counted or timed.
  for (const s of chosen) {
    const expected = await post('baseline', s);
    for (const target of ['gateway', 'naive'] as const) {
      const answer = await post(target, s);
      if (answer.errors || !isDeepStrictEqual(answer, expected)) {
        throw new Error(
          `${target} answered ${s.id} differently from the baseline: ${JSON.stringify(answer).slice(0, 500)}`,
        );
      }
    }
  }

  log('bench: counting upstream calls');
  const calls = async (target: Target, s: Scenario) => {
    await fetch(`${upstream.url}/_emulator/calls`, { method: 'DELETE' });
    await post(target, s);
    const { counts, total } = (await (await fetch(`${upstream.url}/_emulator/calls`)).json()) as {
      counts: Record<string, number>;
      total: number;
    };
    return total - (counts.token ?? 0);
  };
  const counted: Record<Target, number>[] = [];
  for (const s of chosen) {
    counted.push({
      gateway: await calls('gateway', s),
      baseline: await calls('baseline', s),
      naive: await calls('naive', s),
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
  const timed: Record<Target, Measured>[] = [];
  for (const s of chosen) {
    const rounds: Record<Target, Measured[]> = { gateway: [], baseline: [], naive: [] };
    for (let round = 0; round < 2; round++) {
      for (const target of ['baseline', 'gateway'] as const) {
        rounds[target].push(await load(target, s, { duration: roundSeconds }));
      }
    }
    rounds.naive.push(await load('naive', s, { duration: roundSeconds }));
    timed.push({
      gateway: combine(rounds.gateway),
      baseline: combine(rounds.baseline),
      naive: combine(rounds.naive),
    });
  }
  const peak = memory.peak;
  memory.stop();

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
      connections,
      ...limit,
    });
    if (result.non2xx || result.errors) {
      throw new Error(`${target} ${s.id}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    return {
      requests: result.requests.total,
      seconds: result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuMs: cpuMs(pid) - cpuBefore,
    };
  }

  // ---- report ----
  const rows: string[] = [];
  const ratios = { throughput: [] as number[], p99: [] as number[] };
  let atMinimum = 0;
  chosen.forEach((s, i) => {
    const c = counted[i]!;
    const t = timed[i]!;
    if (c.gateway === s.minimum) atMinimum++;
    const rps = (m: Measured) => m.requests / m.seconds;
    const throughputRatio = rps(t.gateway) / rps(t.baseline);
    const p99Ratio = t.gateway.p99 / t.baseline.p99;
    ratios.throughput.push(throughputRatio);
    ratios.p99.push(p99Ratio);
    const cpu = (m: Measured) => ((m.cpuMs * 1000) / m.requests).toFixed(0);
    rows.push(
      `| ${s.title} | ${s.minimumText} = ${s.minimum} | **${c.gateway}** | ${c.naive} | ` +
        `${rps(t.baseline).toFixed(0)} | ${rps(t.gateway).toFixed(0)} | ${rps(t.naive).toFixed(0)} | ` +
        `**${throughputRatio.toFixed(2)}** | ${t.baseline.p50} / ${t.baseline.p99} | ` +
        `${t.gateway.p50} / ${t.gateway.p99} | ${t.naive.p50} / ${t.naive.p99} | **${p99Ratio.toFixed(2)}** | ` +
        `${cpu(t.baseline)} / ${cpu(t.gateway)} |`,
    );
  });
  const throughputRatio = Math.min(...ratios.throughput);
  const p99Ratio = Math.max(...ratios.p99);
  const growth = ((rssAfter - rssWarm) / rssWarm) * 100;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const table = [
    `Machine: ${machine}. ${connections} connections, ${smoke ? 'smoke run' : `2 × ${roundSeconds} s rounds per target (baseline and gateway alternating), naive 1 round`}.`,
    '',
    '| operation | minimum calls | gateway calls | naive calls | baseline req/s | gateway req/s | naive req/s | throughput gateway/baseline | baseline p50/p99 ms | gateway p50/p99 ms | naive p50/p99 ms | p99 gateway/baseline | CPU µs/req baseline / gateway |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Gateway memory (RSS, ${memoryScenario.title}, ${memoryScenario.minimum} upstream call each): ${rssAtStart.toFixed(0)} MB at start, ${rssWarm.toFixed(0)} MB after warm-up, ` +
      `${rssAfter.toFixed(0)} MB after ${memoryRequests.toLocaleString('en')} more requests ` +
      `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %), peak ${peak.toFixed(0)} MB over the whole run.`,
  ].join('\n');
  console.log(table);
  if (!smoke && !flags.only && !flags.profile) writeResults(table, 'bench');
  console.log(
    `bench: minimum-calls ${atMinimum}/${chosen.length} scenarios; throughput ratio ${throughputRatio.toFixed(2)}; p99 ratio ${p99Ratio.toFixed(2)}; peak RSS ${peak.toFixed(0)} MB`,
  );
  return atMinimum === chosen.length;
}

function portOf(process: Started): number {
  return (JSON.parse(process.first) as { port: number }).port;
}

function combine(runs: Measured[]): Measured {
  const sum = (pick: (r: Measured) => number) => runs.reduce((a, r) => a + pick(r), 0);
  return {
    requests: sum((r) => r.requests),
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
