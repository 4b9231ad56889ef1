import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

// Benchmarks are not timed tests: this only proves `npm run bench` works end to end, that every
// operation costs exactly its minimum of Easemob calls (a warm cache-on gateway at most that), and
// that the call budget's invariants hold against Easemob's rate limits: no 429, batch-status calls
// shared across requests, the flood's neighbour served within the wait bound, no stale read after
// a write.
it('the bench smoke run completes, every scenario makes the minimum number of upstream calls and the budget phase provokes no 429 and no stale read', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], {
    timeout: 280_000,
    maxBuffer: 10_000_000,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`bench --smoke failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  const lines = stdout.trim().split('\n');
  const summary = lines.find((line) => line.startsWith('bench: minimum-calls')) ?? '';
  expect(summary).toMatch(
    /^bench: minimum-calls (\d+)\/(\d+) scenarios; throughput ratio \d+\.\d\d; p99 ratio \d+\.\d\d; peak RSS \d+ MB$/,
  );
  const [, atMinimum, scenarios] = /minimum-calls (\d+)\/(\d+)/.exec(summary)!;
  expect(Number(scenarios)).toBeGreaterThanOrEqual(7);
  expect(atMinimum).toBe(scenarios);
  const rows = lines.filter((line) => line.startsWith('| `'));
  expect(rows.length).toBe(Number(scenarios));
  for (const row of rows) {
    const [, , minimum, gateway] = row.split('|').map((cell) => cell.trim());
    const fewest = Number(/= (\d+)$/.exec(minimum!)![1]);
    const made = Number(/^\*\*([\d.e-]+)\*\*$/.exec(gateway!)![1]);
    // A warm cache-on gateway (`≤ …`) may make fewer calls than the cold minimum, never more.
    if (minimum!.startsWith('≤')) expect(made, row).toBeLessThanOrEqual(fewest);
    else expect(made, row).toBe(fewest);
  }

  const budget = lines.at(-1) ?? '';
  const parsed =
    /^bench-budget: hot (\d+) req\/s; 429s (\d+); names per status call (\d+\.\d); flood max (\d+) ms; stale reads (\d+)$/.exec(
      budget,
    );
  expect(parsed, budget).not.toBeNull();
  const [, hot, rejected, namesPerCall, floodMax, stale] = parsed!.map(Number);
  expect(hot).toBeGreaterThan(0);
  expect(rejected).toBe(0);
  expect(namesPerCall).toBeGreaterThanOrEqual(3);
  expect(floodMax).toBeLessThanOrEqual(3000);
  expect(stale).toBe(0);
}, 300_000);
