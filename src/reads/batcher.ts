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

  /**
   * Resolves with each key's value; rejects with the batch's error, or `signal`'s reason.
   *
   * A reader is one promise however many keys it asks: entries call their readers back instead of
   * each key having a promise that every reader awaits (a 1,000-contact request had 1,000 promise
   * reactions, async-hook callbacks and result tuples per request).
   */
  load(keys: readonly string[], signal?: AbortSignal): Promise<Map<string, V | undefined>> {
    const gaveUp = (given: AbortSignal) => this.options.gaveUp?.(given) ?? given.reason;
    if (signal?.aborted) return Promise.reject(gaveUp(signal));
    let reader!: Reader<V>;
    const all = new Promise<Map<string, V | undefined>>((resolve, reject) => {
      // In the order asked, whatever order the batches answer in.
      const values = new Map<string, V | undefined>();
      for (const key of keys) values.set(key, undefined);
      reader = { values, remaining: keys.length, resolve, reject, gone: false };
    });
    if (keys.length === 0) reader.resolve(reader.values);
    const weight = signal ? 1 : Number.POSITIVE_INFINITY;
    const entries = keys.map((key) => {
      const entry = this.entryFor(key);
      entry.readers.push(reader);
      entry.waiting += weight;
      return entry;
    });
    this.schedule();
    if (!signal) return all;
    // Keys nobody waits for any more are not sent; a batch already out is not recalled.
    return untilAborted(all, signal, () => {
      reader.gone = true;
      for (const entry of entries) entry.waiting--;
      return gaveUp(signal);
    });
  }

  private entryFor(key: string): Entry<V> {
    const existing = this.pending.get(key) ?? this.dispatched.get(key);
    if (existing) {
      this.joined++;
      return existing;
    }
    const entry: Entry<V> = { key, readers: [], waiting: 0 };
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
        // Every reader of it gave up (and was answered so): nothing to send.
        if (entry.waiting <= 0) continue;
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
            // Settled entries take no more readers: a later read asks again (or finds the cache).
            if (this.dispatched.get(key) === entry) {
              this.dispatched.delete(key);
              if (value !== undefined) current.set(key, value);
            }
            for (const reader of entry.readers) answer(reader, key, value);
          }
          this.options.remember?.(current, version);
        },
        (error: unknown) => {
          for (const [key, entry] of batch) {
            if (this.dispatched.get(key) === entry) this.dispatched.delete(key);
            for (const reader of entry.readers) fail(reader, error);
          }
        },
      )
      .finally(() => {
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
  key: string;
  /** Everyone who asked for the key, those who gave up since included (`gone`). */
  readers: Reader<V>[];
  /** Readers still waiting; Infinity when one cannot give up. */
  waiting: number;
}

/** One `load`: its keys' values so far, and how many are still to come. */
interface Reader<V> {
  values: Map<string, V | undefined>;
  remaining: number;
  resolve: (values: Map<string, V | undefined>) => void;
  reject: (error: unknown) => void;
  /** Gave up or failed: answered already, ignores what comes. */
  gone: boolean;
}

function answer<V>(reader: Reader<V>, key: string, value: V | undefined): void {
  if (reader.gone) return;
  reader.values.set(key, value);
  if (--reader.remaining === 0) reader.resolve(reader.values);
}

function fail<V>(reader: Reader<V>, error: unknown): void {
  if (reader.gone) return;
  reader.gone = true;
  reader.reject(error);
}
