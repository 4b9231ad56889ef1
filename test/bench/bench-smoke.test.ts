import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

// Benchmarks are not timed tests: this only proves `npm run bench` works end to end and that every
// operation costs exactly its minimum of Easemob calls.
it('the bench smoke run completes and every scenario makes the minimum number of upstream calls', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], {
    timeout: 240_000,
    maxBuffer: 10_000_000,
  });
  const summary = stdout.trim().split('\n').at(-1) ?? '';
  expect(summary).toMatch(
    /^bench: minimum-calls (\d+)\/(\d+) scenarios; throughput ratio \d+\.\d\d; p99 ratio \d+\.\d\d; peak RSS \d+ MB$/,
  );
  const [, atMinimum, scenarios] = /minimum-calls (\d+)\/(\d+)/.exec(summary)!;
  expect(Number(scenarios)).toBeGreaterThanOrEqual(4);
  expect(atMinimum).toBe(scenarios);
  for (const row of stdout.split('\n').filter((line) => line.startsWith('| `'))) {
    const [, , minimum, gateway] = row.split('|').map((cell) => cell.trim());
    expect(gateway).toBe(`**${/= (\d+)$/.exec(minimum!)![1]}**`);
  }
}, 300_000);
