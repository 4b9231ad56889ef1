import { describe, expect, it } from 'vitest';
import { FairLimiter } from '../../src/easemob/admission.js';
import { DeficitRoundRobin, fairPosition, nextGrantAt } from '../../src/easemob/fair-schedule.js';

describe('nextGrantAt: when the n-th next call may go under a strict rolling window', () => {
  // limit 3 per 1000 ms, now = 10_000
  it.each([
    { recent: [], position: 0, at: 10_000, why: 'an empty window admits at once' },
    { recent: [], position: 2, at: 10_000, why: 'the third free slot is free too' },
    { recent: [], position: 3, at: 11_000, why: 'the fourth waits a window' },
    { recent: [9_500], position: 1, at: 10_000, why: 'two slots are still free' },
    { recent: [9_500], position: 2, at: 10_500, why: 'then the oldest call leaves the window' },
    {
      recent: [9_200, 9_500, 9_900],
      position: 0,
      at: 10_200,
      why: 'a full window frees at its oldest + 1 window',
    },
    { recent: [9_200, 9_500, 9_900], position: 2, at: 10_900, why: 'each slot frees in turn' },
    { recent: [9_200, 9_500, 9_900], position: 4, at: 11_500, why: 'and again a window later' },
    {
      recent: [8_000, 8_500, 9_200],
      position: 1,
      at: 10_000,
      why: 'calls older than the window no longer count',
    },
  ])('$why', ({ recent, position, at }) => {
    expect(nextGrantAt(recent, 3, 1000, 10_000, position)).toBe(at);
  });
});

describe('fairPosition: how many waiting calls a newcomer waits for', () => {
  it.each([
    { own: [0, 1], others: [], ahead: 0, why: 'alone: nobody' },
    {
      own: [0, 1],
      others: [[300, 1]],
      ahead: 1,
      why: "a flood costs a newcomer one of the flooder's calls",
    },
    {
      own: [2, 1],
      others: [[300, 1]],
      ahead: 5,
      why: 'its third call waits for 2 own and 3 of the flood',
    },
    { own: [0, 4], others: [[300, 1]], ahead: 1, why: 'a weight-4 newcomer waits one round too' },
    {
      own: [4, 4],
      others: [[300, 1]],
      ahead: 6,
      why: 'its fifth call is in round 2: 4 own, 2 of the flood',
    },
    { own: [0, 1], others: [[300, 4]], ahead: 4, why: 'behind a weight-4 flood: its round of 4' },
    {
      own: [0, 1],
      others: [
        [2, 1],
        [0, 1],
      ],
      ahead: 1,
      why: 'others count only what they have waiting',
    },
  ])('$why', ({ own, others, ahead }) => {
    const lane = ([waiting, weight]: number[]) => ({ waiting: waiting!, weight: weight! });
    expect(fairPosition(lane(own), others.map(lane))).toBe(ahead);
  });
});

describe('DeficitRoundRobin: the order waiting calls are served in', () => {
  const drain = (queue: DeficitRoundRobin<string>) => {
    const order: string[] = [];
    for (let item = queue.next(); item; item = queue.next()) order.push(item);
    return order.join('');
  };

  it.each([
    {
      pushes: [
        ['a', 1, 4],
        ['b', 1, 2],
      ],
      order: 'ababaa',
      why: 'equal weights alternate',
    },
    {
      pushes: [
        ['k', 4, 8],
        ['u', 1, 3],
      ],
      order: 'kkkkukkkkuu',
      why: 'weight 4 gets four for one',
    },
    {
      pushes: [
        ['a', 1, 2],
        ['b', 1, 2],
        ['c', 1, 2],
      ],
      order: 'abcabc',
      why: 'three callers take turns',
    },
    {
      pushes: [
        ['h', 0.5, 2],
        ['u', 1, 4],
      ],
      order: 'uhuuhu',
      why: 'half a weight: every other round',
    },
  ])('$why', ({ pushes, order }) => {
    const queue = new DeficitRoundRobin<string>();
    for (const [caller, weight, count] of pushes as [string, number, number][]) {
      for (let i = 0; i < count; i++) queue.push(caller, weight, caller);
    }
    expect(drain(queue)).toBe(order);
    expect(queue.size).toBe(0);
  });

  it('a newcomer is served after at most one call of a caller already flooding', () => {
    const queue = new DeficitRoundRobin<string>();
    for (let i = 0; i < 50; i++) queue.push('flood', 1, 'f');
    expect(queue.next()).toBe('f');
    queue.push('newcomer', 1, 'n');
    expect([queue.next(), queue.next()]).toContain('n');
  });

  it('a call that gave up leaves its place; the longest caller is the one to evict', () => {
    const queue = new DeficitRoundRobin<string>();
    for (const item of ['a1', 'a2', 'a3', 'a4']) queue.push('a', 1, item);
    queue.push('b', 1, 'b1');
    expect(queue.remove('a', 'a2')).toBe(true);
    expect(queue.remove('a', 'a2')).toBe(false);
    // 3 waiting for 'a' against 2 for 'b' with one more: 'a' gives up its newest.
    expect(queue.longestOtherThan('b', 1)).toEqual({ caller: 'a', item: 'a4' });
    // Never for a caller's own newcomer, nor for one whose light weight already has its due.
    expect(queue.longestOtherThan('a', 1)).toBeUndefined();
    expect(queue.longestOtherThan('b', 0.5)).toBeUndefined();
    expect(drain(queue)).toBe('a1b1a3a4');
  });
});

describe('FairLimiter decisions on a fake clock', () => {
  const limiter = (options: Partial<ConstructorParameters<typeof FairLimiter>[0]> = {}) => {
    const clock = { now: 1_000_000 };
    const fair = new FairLimiter({
      name: 'app',
      limit: 2,
      windowMs: 1000,
      maxWaitMs: 1500,
      maxQueued: 100,
      now: () => clock.now,
      ...options,
    });
    return { fair, clock };
  };

  it('admits within the limit at once, refuses at once a wait it estimates past the bound', async () => {
    const { fair } = limiter();
    await fair.acquire({ caller: 'a' });
    await fair.acquire({ caller: 'a' });
    // Third and fourth: one window away (within 1500 ms) — they wait.
    const third = fair.acquire({ caller: 'a' });
    const fourth = fair.acquire({ caller: 'a' });
    expect(fair.waiting).toBe(2);
    // Fifth: two windows away — refused now, saying when to come back.
    await expect(fair.acquire({ caller: 'a' })).rejects.toMatchObject({
      reason: 'wait',
      retryAfterMs: 2000,
    });
    fair.close();
    await expect(third).rejects.toMatchObject({ reason: 'aborted' });
    await expect(fourth).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('counts a call as arriving now until it is done: a slow answer pushes the next admission back', () => {
    const { fair, clock } = limiter({ limit: 1 });
    return fair.acquire({ caller: 'a' }).then((slot) => {
      // Admitted at once, next one a window away…
      expect(fair.estimateMs('a')).toBe(1000);
      // …but 400 ms later it is still out (a token to fetch, a busy loop, a slow server): it may
      // arrive only now, so the window counts it from now…
      clock.now += 400;
      expect(fair.estimateMs('a')).toBe(1000);
      // …and from its answer once it is done, whenever more time passes.
      slot.done();
      clock.now += 300;
      expect(fair.estimateMs('a')).toBe(700);
      slot.done();
      expect(fair.estimateMs('a')).toBe(700);
      fair.close();
    });
  });

  it('paces from admission times: slow answers push the window back, not the pacing', async () => {
    // 100 per window, 10 at once: 10 per 100 ms.
    const { fair, clock } = limiter({ limit: 100, burst: 10, maxWaitMs: 1000 });
    const slots = await Promise.all(
      Array.from({ length: 10 }, () => fair.acquire({ caller: 'a' })),
    );
    expect(fair.estimateMs('a')).toBe(100);
    // All ten answered 60 ms later: the next ten may still go 100 ms after the first.
    clock.now += 60;
    for (const slot of slots) slot.done();
    expect(fair.estimateMs('a')).toBe(40);
    fair.close();
  });

  it('an aborted signal takes the call out of the queue', async () => {
    const { fair } = limiter();
    await fair.acquire({ caller: 'a' });
    await fair.acquire({ caller: 'a' });
    const controller = new AbortController();
    const waiting = fair.acquire({ caller: 'b', signal: controller.signal });
    expect(fair.waiting).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ reason: 'aborted' });
    expect(fair.waiting).toBe(0);
    await expect(fair.acquire({ caller: 'b', signal: controller.signal })).rejects.toMatchObject({
      reason: 'aborted',
    });
  });

  it('a full queue evicts the longest caller’s newest call for a newcomer, and refuses the longest caller', async () => {
    const { fair } = limiter({ maxQueued: 2, maxWaitMs: 10_000 });
    await fair.acquire({ caller: 'a' });
    await fair.acquire({ caller: 'a' });
    const first = fair.acquire({ caller: 'a' });
    const second = fair.acquire({ caller: 'a' });
    await expect(fair.acquire({ caller: 'a' })).rejects.toMatchObject({ reason: 'queue_full' });
    const newcomer = fair.acquire({ caller: 'b' });
    await expect(second).rejects.toMatchObject({ reason: 'queue_full' });
    expect(fair.waiting).toBe(2);
    fair.close();
    await Promise.allSettled([first, newcomer]);
  });
});
