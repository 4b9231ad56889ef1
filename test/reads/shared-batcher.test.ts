import { describe, expect, it } from 'vitest';
import { SharedBatcher } from '../../src/reads/batcher.js';

/** A batcher whose calls are held until the test answers them, in any order. */
function heldBatcher(maxBatch = 2) {
  const calls: {
    keys: string[];
    answer: (values: Record<string, number>) => void;
    fail: (error: Error) => void;
  }[] = [];
  const batcher = new SharedBatcher<number>({
    maxBatch,
    maxInFlight: Number.POSITIVE_INFINITY,
    minGapMs: 0,
    gaveUp: () => new Error('gave up'),
    read: (keys) =>
      new Promise((resolve, reject) => {
        calls.push({
          keys,
          answer: (values) => resolve({ values: new Map(Object.entries(values)), version: '0' }),
          fail: reject,
        });
      }),
  });
  const sent = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { batcher, calls, sent };
}

describe('the shared batcher', () => {
  it('answers a reader in the order it asked, whatever order its batches answer in', async () => {
    const { batcher, calls, sent } = heldBatcher();
    const read = batcher.load(['a', 'b', 'c', 'a']);
    await sent();
    expect(calls.map((call) => call.keys)).toEqual([['a', 'b'], ['c']]);
    calls[1]!.answer({ c: 3 });
    calls[0]!.answer({ a: 1 });
    expect([...(await read)]).toEqual([
      ['a', 1],
      ['b', undefined],
      ['c', 3],
    ]);
    expect(await batcher.load([])).toEqual(new Map());
  });

  it('lets one reader give up while another keeps the shared call, and sends nobody’s keys', async () => {
    const { batcher, calls, sent } = heldBatcher(10);
    const leaving = new AbortController();
    const left = batcher.load(['a', 'gone-only'], leaving.signal);
    const staying = batcher.load(['a']);
    leaving.abort();
    await expect(left).rejects.toThrow('gave up');
    await sent();
    expect(calls.map((call) => call.keys)).toEqual([['a']]);
    calls[0]!.answer({ a: 1 });
    expect((await staying).get('a')).toBe(1);
  });

  it('fails the readers of a failed batch, even those whose other keys were answered, and asks again after', async () => {
    const { batcher, calls, sent } = heldBatcher();
    const spanning = batcher.load(['a', 'b', 'c']);
    const other = batcher.load(['a']);
    await sent();
    calls[0]!.answer({ a: 1, b: 2 });
    calls[1]!.fail(new Error('Easemob said no'));
    await expect(spanning).rejects.toThrow('Easemob said no');
    expect((await other).get('a')).toBe(1);
    // Neither the answer nor the failure is kept: the next read is a new call.
    const again = batcher.load(['a', 'c']);
    await sent();
    expect(calls.at(-1)!.keys).toEqual(['a', 'c']);
    calls.at(-1)!.answer({ a: 10, c: 30 });
    expect([...(await again).values()]).toEqual([10, 30]);
    expect(batcher.calls).toBe(3);
  });
});
