/** A clock that moves only when told: pass `clock.now` where code takes `now: () => number`. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

/** Starts at `start` ms since the epoch (default: a fixed instant, so runs are identical). */
export function manualClock(start = Date.UTC(2024, 0, 1)): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      if (ms < 0) throw new RangeError('a clock does not run backwards');
      current += ms;
    },
    set(ms) {
      current = ms;
    },
  };
}

/**
 * mulberry32: a tiny seeded generator with draws in [0, 1), so a test that injects faults with a
 * probability sees the same faults on every run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
