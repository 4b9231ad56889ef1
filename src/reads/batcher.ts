import { untilAborted } from '../easemob/abortable.js';

/**
 * Reads of one kind from every request in flight, gathered into shared batch calls of at most
 * `maxBatch` keys (`POST /users/batch/status` takes 100 names).
 *
 * The window adapts to the load: a full batch leaves at once; a partial one leaves at once too
 * unless the previous call left less than `minGapMs` ago, and then when the gap is over. So a
 * quiet server answers a status after one event-loop turn, and a busy one spends at most
 * 1000 / `minGapMs` calls a second on partial batches, each carrying what gathered meanwhile. At
 * most `maxInFlight` calls are out at once: while the budget holds calls back, keys gather and
 * the next call leaves full. A key already pending or in flight is not asked again: its readers
 * join.
 */
export interface BatcherOptions<V> {
  maxBatch: number;
  maxInFlight: number;
  /** The least time between a call and a following partial batch. */
  minGapMs: number;
  /**
   * Reads the keys; keys missing from the answer resolve to `undefined`. `version` is the store's
   * write version from before the call, handed back to `remember`.
   */
  read: (
    keys: string[],
    signal: AbortSignal,
  ) => Promise<{ values: Map<string, V>; version: string }>;
  /** Called with the answers of keys no write detached meanwhile: what may be cached. */
  remember?: (values: Map<string, V>, version: string) => void;
  /** What a reader that gave up is rejected with; the signal's reason by default. */
  gaveUp?: (signal: AbortSignal) => unknown;
}

export class SharedBatcher<V> {
  private readonly pending = new Map<string, Entry<V>>();
  private readonly dispatched = new Map<string, Entry<V>>();
  private inFlight = 0;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;

  /** Batch calls made and keys they carried (metrics: names per call). */
  calls = 0;
  keysSent = 0;
  /** Keys a reader found pending or in flight already. */
  joined = 0;

  constructor(private readonly options: BatcherOptions<V>) {}

  /** Resolves with each key's value; rejects with the batch's error, or `signal`'s reason. */
  load(keys: readonly string[], signal?: AbortSignal): Promise<Map<string, V | undefined>> {
    const gaveUp = (given: AbortSignal) => this.options.gaveUp?.(given) ?? given.reason;
    if (signal?.aborted) return Promise.reject(gaveUp(signal));
    const entries = keys.map((key) => this.entryFor(key));
    const all = Promise.all(entries.map((entry) => entry.promise)).then(
      (values) => new Map(keys.map((key, i) => [key, values[i]])),
    );
    this.schedule();
    if (!signal) {
      for (const entry of entries) entry.readers = Infinity;
      return all;
    }
    for (const entry of entries) entry.readers++;
    // Keys nobody waits for any more are not sent; a batch already out is not recalled.
    return untilAborted(all, signal, () => {
      for (const entry of entries) entry.readers--;
      return gaveUp(signal);
    });
  }

  private entryFor(key: string): Entry<V> {
    const existing = this.pending.get(key) ?? this.dispatched.get(key);
    if (existing) {
      this.joined++;
      return existing;
    }
    let settle!: Entry<V>['settle'];
    const promise = new Promise<V | undefined>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Every reader attaches its own handlers; this one keeps an abandoned entry from being unhandled.
    promise.catch(() => {});
    const entry: Entry<V> = { promise, settle, readers: 0 };
    this.pending.set(key, entry);
    return entry;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.pending.size > 0) {
      const wait = this.lastSent + this.options.minGapMs - performance.now();
      if (this.pending.size < this.options.maxBatch && wait > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.flush();
        }, wait);
        return;
      }
      const batch: [string, Entry<V>][] = [];
      for (const [key, entry] of this.pending) {
        this.pending.delete(key);
        if (entry.readers <= 0) {
          entry.settle.reject(new Error('abandoned'));
          continue;
        }
        batch.push([key, entry]);
        if (batch.length === this.options.maxBatch) break;
      }
      if (batch.length > 0) this.send(batch);
    }
  }

  private send(batch: [string, Entry<V>][]): void {
    this.inFlight++;
    this.lastSent = performance.now();
    this.calls++;
    this.keysSent += batch.length;
    for (const [key, entry] of batch) this.dispatched.set(key, entry);
    const keys = batch.map(([key]) => key);
    const controller = new AbortController();
    this.options
      .read(keys, controller.signal)
      .then(
        ({ values, version }) => {
          const current = new Map<string, V>();
          for (const [key, entry] of batch) {
            const value = values.get(key);
            entry.settle.resolve(value);
            if (value !== undefined && this.dispatched.get(key) === entry) current.set(key, value);
          }
          this.options.remember?.(current, version);
        },
        (error: unknown) => {
          for (const [, entry] of batch) entry.settle.reject(error);
        },
      )
      .finally(() => {
        for (const [key, entry] of batch) {
          if (this.dispatched.get(key) === entry) this.dispatched.delete(key);
        }
        this.inFlight--;
        this.flush();
      });
  }

  /** A write changed `key`: readers from now on must not join a batch that left before it. */
  detach(key: string): void {
    this.dispatched.delete(key);
  }
}

interface Entry<V> {
  promise: Promise<V | undefined>;
  settle: { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };
  /** Readers still waiting; Infinity when one cannot give up. */
  readers: number;
}
