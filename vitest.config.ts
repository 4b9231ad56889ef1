import { defineConfig } from 'vitest/config';

/**
 * Files whose assertions depend on having the machine to themselves: real-time rate windows and
 * budgets (the emulator counts arrivals on its own event loop, which stalls under load), latency
 * bounds of a few hundred ms, load runs, and the bench smoke run (its own processes use both
 * cores). They run one at a time after everything else.
 */
const alone = [
  'test/bench/bench-smoke.test.ts',
  'test/admission/abandoned-requests.test.ts',
  'test/admission/fair-share.test.ts',
  'test/admission/short-tokens-under-load.test.ts',
  'test/admission/token-bucket.test.ts',
  'test/admission/wait-bound.test.ts',
  'test/easemob/rate-budget.test.ts',
  'test/fleet/redis-fleet.test.ts',
  'test/http-timeouts.test.ts',
  'test/ops/metrics.test.ts',
  'test/reads/batch-pacing.test.ts',
  'test/resilience/chaos.test.ts',
  'test/resilience/circuit-breaker.test.ts',
  'test/resilience/exactly-once.test.ts',
  'test/resilience/short-tokens.test.ts',
];

export default defineConfig({
  // One graphql realm: Vite would pick index.mjs for src while yoga and Pothos load index.js.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    exclude: ['test/contract/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ['test/contract/**', ...alone],
          // Most files spend their time waiting on sockets, child processes and timers, not on a
          // core: two at a time on a 2-core machine (vitest's default there is one).
          maxWorkers: 2,
          // A worker keeps its loaded modules from file to file: loading yoga, Pothos, OTel and the
          // schema again for every file was a third of the suite's CPU time. Nothing here depends
          // on a fresh module graph (process.env and spies are restored by the tests that set them).
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: alone,
          maxWorkers: 1,
          // Each in a fresh process: nothing another file left running competes with its timing.
          isolate: true,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
