import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** Runs `task(0)` … `task(count - 1)` with at most `concurrency` in flight; results in index order. */
export async function runConcurrently<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/**
 * Runs `task` with at most `concurrency` in flight until `durationMs` has passed on `now` (the wall
 * clock unless a test passes the manual clock its task advances); every result.
 */
export async function runFor<T>(
  durationMs: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  now: () => number = Date.now,
): Promise<T[]> {
  const results: T[] = [];
  const stopAt = now() + durationMs;
  let next = 0;
  const worker = async () => {
    while (now() < stopAt) results.push(await task(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The task's result and how long it took, in ms. */
export async function timed<T>(task: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await task();
  return { value, ms: performance.now() - started };
}

/** Polls `condition` every 10 ms until it holds; throws after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * Collects unhandled promise rejections while a test runs; `stop()` detaches the listener and
 * returns what was seen.
 */
export function watchUnhandledRejections(): { seen: unknown[]; stop: () => unknown[] } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  return {
    seen,
    stop: () => {
      process.off('unhandledRejection', listener);
      return seen;
    },
  };
}

/** Figures for the record (counts, latencies); printed only with RESILIENCE_REPORT=1. */
export function report(name: string, figures: object): void {
  if (process.env.RESILIENCE_REPORT) console.info(name, JSON.stringify(figures));
}
