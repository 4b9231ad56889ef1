/**
 * Easemob pushes nothing to a server, so changes are found by polling. One poller serves every
 * subscriber: each watched key is read once per interval however many subscriptions watch it,
 * keys are read together (the reader batches them), only changes are reported, and the timer
 * stops when the last watcher leaves.
 */
/**
 * Several instances, one poller (Redis): each instance announces what its subscribers watch, and
 * only the lease holder polls — everything the fleet watches.
 */
export interface PollCoordinator {
  announce(keys: string[]): Promise<void>;
  owns(): Promise<boolean>;
  fleetKeys(): Promise<string[]>;
  release(): Promise<void>;
}

export interface PollerOptions<V> {
  intervalMs: number;
  /** Reads the current value of every key; keys it leaves out are skipped this round. */
  read: (keys: string[]) => Promise<Map<string, V>>;
  equals: (a: V, b: V) => boolean;
  onChange: (key: string, value: V, previous: V) => void;
  onError?: (error: unknown) => void;
  coordinator?: PollCoordinator;
}

export class Poller<V> {
  private readonly watchers = new Map<string, number>();
  private readonly last = new Map<string, V>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  /** Rounds completed; tests and metrics read it. */
  rounds = 0;

  constructor(private readonly options: PollerOptions<V>) {}

  /** Starts watching `keys`; the returned function stops (once, however often it is called). */
  watch(keys: readonly string[]): () => void {
    const unique = [...new Set(keys)];
    for (const key of unique) this.watchers.set(key, (this.watchers.get(key) ?? 0) + 1);
    if (!this.timer && this.watchers.size > 0) {
      this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
      this.timer.unref();
      void this.poll();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const key of unique) {
        const count = (this.watchers.get(key) ?? 1) - 1;
        if (count > 0) this.watchers.set(key, count);
        else {
          this.watchers.delete(key);
          this.last.delete(key);
        }
      }
      if (this.watchers.size === 0) {
        this.stop();
        this.options.coordinator?.release().catch((error) => this.options.onError?.(error));
      }
    };
  }

  /** Whether `key` is watched already (a new watcher of it adds nothing to the round). */
  watches(key: string): boolean {
    return this.watchers.has(key);
  }

  get watchedKeys(): number {
    return this.watchers.size;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Resolves when no round is in flight (a stopped poller may still be finishing one). */
  async idle(): Promise<void> {
    await this.polling;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round; a round still in flight (slow Easemob) makes the next tick skip rather than pile up. */
  poll(): Promise<void> {
    this.polling ??= this.round().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async round(): Promise<void> {
    const own = [...this.watchers.keys()];
    if (own.length === 0) return;
    try {
      const coordinator = this.options.coordinator;
      let keys = own;
      if (coordinator) {
        await coordinator.announce(own);
        if (!(await coordinator.owns())) {
          // Another instance polls; its changes reach our subscribers through the fleet.
          this.last.clear();
          return;
        }
        keys = [...new Set([...own, ...(await coordinator.fleetKeys())])];
      }
      const values = await this.options.read(keys);
      if (coordinator)
        for (const key of this.last.keys()) if (!values.has(key)) this.last.delete(key);
      for (const [key, value] of values) {
        if (!coordinator && !this.watchers.has(key)) continue;
        const previous = this.last.get(key);
        this.last.set(key, value);
        if (previous !== undefined && !this.options.equals(previous, value)) {
          this.options.onChange(key, value, previous);
        }
      }
      this.rounds++;
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
