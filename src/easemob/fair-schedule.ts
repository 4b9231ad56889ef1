/**
 * The pure part of admission control (src/easemob/admission.ts): when the next call of a window
 * may go, and in which order waiting callers get their calls. No timers, no clock of its own.
 */

/**
 * When the `position`-th next call (0: the next one) may go, given the times of the calls admitted
 * in the current window (ascending), so no rolling window of `windowMs` holds more than `limit`.
 * Assumes the queue stays full: admissions repeat every window, in the same order.
 */
export function nextGrantAt(
  recent: readonly number[],
  limit: number,
  windowMs: number,
  now: number,
  position: number,
): number {
  const inWindow = recent.filter((at) => at > now - windowMs).slice(-limit);
  // Free slots count as admitted one window ago: they are available now.
  const free = limit - inWindow.length;
  const slot = position % limit;
  const base = slot < free ? now - windowMs : inWindow[slot - free]!;
  return Math.max(now, base + windowMs * (Math.floor(position / limit) + 1));
}

/**
 * How many waiting calls a new call of a caller with `own` waiting calls and `weight` would wait
 * for under deficit round-robin: its own earlier calls, and each other caller's share of the rounds
 * until its turn (at most what that caller has waiting).
 */
export function fairPosition(
  own: { waiting: number; weight: number },
  others: ReadonlyArray<{ waiting: number; weight: number }>,
): number {
  const rounds = Math.floor(own.waiting / own.weight) + 1;
  let ahead = own.waiting;
  for (const other of others) ahead += Math.min(other.waiting, Math.ceil(rounds * other.weight));
  return ahead;
}

interface Lane<T> {
  caller: string;
  weight: number;
  deficit: number;
  items: T[];
}

/**
 * Deficit round-robin over callers: each turn a caller gets `weight` more credit and is served
 * while it has a whole one, so callers share in proportion to their weights whatever they queue.
 */
export class DeficitRoundRobin<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  private readonly ring: Lane<T>[] = [];
  private cursor = 0;
  size = 0;

  push(caller: string, weight: number, item: T): void {
    let lane = this.lanes.get(caller);
    if (!lane) {
      lane = { caller, weight, deficit: 0, items: [] };
      this.lanes.set(caller, lane);
      this.ring.push(lane);
    }
    lane.weight = weight;
    lane.items.push(item);
    this.size++;
  }

  /** Takes `item` out of the queue (it gave up); false when it was not waiting. */
  remove(caller: string, item: T): boolean {
    const lane = this.lanes.get(caller);
    const index = lane ? lane.items.indexOf(item) : -1;
    if (!lane || index < 0) return false;
    lane.items.splice(index, 1);
    this.size--;
    if (lane.items.length === 0) this.drop(lane);
    return true;
  }

  next(): T | undefined {
    while (this.ring.length > 0) {
      if (this.cursor >= this.ring.length) this.cursor = 0;
      const lane = this.ring[this.cursor]!;
      if (lane.deficit < 1) {
        lane.deficit += lane.weight;
        if (lane.deficit < 1) {
          this.cursor++;
          continue;
        }
      }
      lane.deficit -= 1;
      const item = lane.items.shift()!;
      this.size--;
      if (lane.items.length === 0) this.drop(lane);
      else if (lane.deficit < 1) this.cursor++;
      return item;
    }
    return undefined;
  }

  /** Where a new item of `caller` would stand, as {@link fairPosition} estimates it. */
  positionOf(caller: string, weight: number): number {
    const others = this.ring
      .filter((lane) => lane.caller !== caller)
      .map((lane) => ({ waiting: lane.items.length, weight: lane.weight }));
    return fairPosition({ waiting: this.lanes.get(caller)?.items.length ?? 0, weight }, others);
  }

  /** The newest item of the caller holding the most per unit of weight, unless that is `caller`. */
  longestOtherThan(caller: string, weight: number): { caller: string; item: T } | undefined {
    const ownShare = ((this.lanes.get(caller)?.items.length ?? 0) + 1) / weight;
    let longest: Lane<T> | undefined;
    for (const lane of this.ring) {
      if (lane.caller === caller) continue;
      if (!longest || lane.items.length / lane.weight > longest.items.length / longest.weight) {
        longest = lane;
      }
    }
    if (!longest || longest.items.length / longest.weight <= ownShare) return undefined;
    return { caller: longest.caller, item: longest.items.at(-1)! };
  }

  private drop(lane: Lane<T>): void {
    const index = this.ring.indexOf(lane);
    this.ring.splice(index, 1);
    if (index < this.cursor) this.cursor--;
    this.lanes.delete(lane.caller);
  }
}
