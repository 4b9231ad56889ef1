export class Poller {
    options;
    watchers = new Map();
    last = new Map();
    timer;
    polling;
    /** Rounds completed; tests and metrics read it. */
    rounds = 0;
    constructor(options) {
        this.options = options;
    }
    /** Starts watching `keys`; the returned function stops (once, however often it is called). */
    watch(keys) {
        const unique = [...new Set(keys)];
        for (const key of unique)
            this.watchers.set(key, (this.watchers.get(key) ?? 0) + 1);
        if (!this.timer && this.watchers.size > 0) {
            this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
            this.timer.unref();
            void this.poll();
        }
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            for (const key of unique) {
                const count = (this.watchers.get(key) ?? 1) - 1;
                if (count > 0)
                    this.watchers.set(key, count);
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
    watches(key) {
        return this.watchers.has(key);
    }
    get watchedKeys() {
        return this.watchers.size;
    }
    get running() {
        return this.timer !== undefined;
    }
    /** Resolves when no round is in flight (a stopped poller may still be finishing one). */
    async idle() {
        await this.polling;
    }
    stop() {
        clearInterval(this.timer);
        this.timer = undefined;
    }
    /** One round; a round still in flight (slow Easemob) makes the next tick skip rather than pile up. */
    poll() {
        this.polling ??= this.round().finally(() => {
            this.polling = undefined;
        });
        return this.polling;
    }
    async round() {
        const own = [...this.watchers.keys()];
        if (own.length === 0)
            return;
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
                for (const key of this.last.keys())
                    if (!values.has(key))
                        this.last.delete(key);
            for (const [key, value] of values) {
                if (!coordinator && !this.watchers.has(key))
                    continue;
                const previous = this.last.get(key);
                this.last.set(key, value);
                if (previous !== undefined && !this.options.equals(previous, value)) {
                    this.options.onChange(key, value, previous);
                }
            }
            this.rounds++;
        }
        catch (error) {
            this.options.onError?.(error);
        }
    }
}
//# sourceMappingURL=poller.js.map