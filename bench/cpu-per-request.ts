import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { gatewayEnv, sideBySideSettings } from './gateway-env.js';
import { cpuMs, freePort, rssMb, startNode, type Upstream, watchMemory } from './processes.js';
import { type Scenario, scenarios } from './scenarios.js';

/**
 * One server, one operation, closed-loop load over real HTTP: the server's CPU per request,
 * req/s and latency per round, and its peak RSS. The tool behind bench/RESULTS.md's per-request
 * accounting (profile a round with `--node-flags="--cpu-prof --cpu-prof-dir bench/profiles"`,
 * then `tsx bench/profile-summary.ts --phases`).
 *
 *   tsx bench/cpu-per-request.ts --scenario distinct
 *   tsx bench/cpu-per-request.ts --query '{ __typename }' --target bare-yoga
 *
 * The gateway is the production build (`npm run build` first) in front of the bench's emulator,
 * configured as in `npm run bench` (cache off unless the scenario is a warm-cache one).
 */
const { values: flags } = parseArgs({
  options: {
    target: { type: 'string', default: 'gateway' },
    scenario: { type: 'string', default: 'user-status' },
    query: { type: 'string' },
    requests: { type: 'string', default: '3000' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    'node-flags': { type: 'string', default: '' },
    /** Another build to compare (a copy of dist/ kept under node_modules/, so imports resolve). */
    main: { type: 'string', default: 'dist/main.js' },
  },
});
const requests = Number(flags.requests);
const connections = Number(flags.connections);
const scenario: Scenario = flags.query
  ? {
      id: 'query',
      title: flags.query,
      query: flags.query,
      variables: {},
      minimum: 0,
      minimumText: '',
    }
  : (scenarios.find((s) => s.id === flags.scenario) ??
    (() => {
      throw new Error(`no scenario ${flags.scenario}: ${scenarios.map((s) => s.id).join(', ')}`);
    })());
const adminKey = 'bench-admin-key-0123456789abcdef';
const nodeFlags = flags['node-flags'].split(' ').filter(Boolean);

const emulator = await startNode(['--import', 'tsx', 'bench/emulator.ts'], {});
const upstream = JSON.parse(emulator.first) as Upstream;
const port = await freePort();
const server =
  flags.target === 'bare-yoga'
    ? await startNode(
        [...nodeFlags, '--import', 'tsx', 'bench/bare-yoga.ts'],
        { PORT: String(port) },
        /GraphQL: /,
      )
    : await startNode(
        [...nodeFlags, flags.main],
        gatewayEnv(upstream, port, adminKey, {
          ...sideBySideSettings,
          ...(scenario.warmCache ? {} : { CACHE: 'false' }),
        }),
        /"msg":"GraphQL: /,
      );
const pid = server.child.pid!;
const memory = watchMemory(pid, 50);
const pool = new Pool(`http://127.0.0.1:${port}`, { connections });
const variables = scenario.variablesCycle ?? [scenario.variables];
let next = 0;

const latencies: number[] = [];
async function one() {
  const started = performance.now();
  const response = await pool.request({
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({
      query: scenario.query,
      variables: variables[next++ % variables.length],
    }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 300));
  latencies.push(performance.now() - started);
}
async function round(amount: number) {
  let sent = 0;
  latencies.length = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (sent++ < amount) await one();
    }),
  );
}
const percentile = (p: number) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!.toFixed(0);
};

// Untimed: JIT, connections, tokens.
await round(Math.min(500, requests));
for (let i = 0; i < Number(flags.rounds); i++) {
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  await round(requests);
  const seconds = (performance.now() - started) / 1000;
  const cpu = ((cpuMs(pid) - cpuBefore) * 1000) / requests;
  console.log(
    `${flags.target} ${scenario.id}: ${cpu.toFixed(0)} µs CPU/request, ${(requests / seconds).toFixed(0)} req/s, p50 ${percentile(50)} / p99 ${percentile(99)} / max ${percentile(100)} ms, RSS ${rssMb(pid).toFixed(0)} MB`,
  );
}
console.log(`${flags.target} ${scenario.id}: peak RSS ${memory.peak.toFixed(0)} MB`);
memory.stop();
await pool.close();
await server.stop();
await emulator.stop();
