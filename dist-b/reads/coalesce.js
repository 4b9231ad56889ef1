import { untilAborted } from '../easemob/abortable.js';
/**
 * Identical reads in flight share one upstream call, whichever requests asked. The call is
 * abandoned (its signal aborted) only when every request that joined it has gone; a request that
 * gives up gets its own rejection at once while the others keep waiting.
 *
 * A write that changes the resource `detach`es the flight: readers after the write start a fresh
 * read instead of joining one that may have left before the write, and the detached flight's
 * answer is handed to its joiners but not remembered.
 */
export class Coalescer {
    gaveUp;
    flights = new Map();
    /** `gaveUp(key, signal)`: what a request that gave up is rejected with. */
    constructor(gaveUp = (_key, signal) => signal.reason) {
        this.gaveUp = gaveUp;
    }
    /** Reads joined by a later request instead of calling again (metrics). */
    joined = 0;
    run(key, start, signal) {
        if (signal?.aborted)
            return Promise.reject(this.gaveUp(key, signal));
        let flight = this.flights.get(key);
        if (flight) {
            this.joined++;
        }
        else {
            const controller = new AbortController();
            const created = { promise: Promise.resolve(), joiners: 0, controller };
            const current = () => this.flights.get(key) === created;
            created.promise = start({ signal: controller.signal, current }).finally(() => {
                if (current())
                    this.flights.delete(key);
            });
            this.flights.set(key, created);
            flight = created;
        }
        return this.join(key, flight, signal);
    }
    detach(key) {
        this.flights.delete(key);
    }
    get size() {
        return this.flights.size;
    }
    join(key, flight, signal) {
        flight.joiners++;
        if (!signal)
            return flight.promise;
        return untilAborted(flight.promise, signal, () => {
            flight.joiners--;
            if (flight.joiners === 0)
                flight.controller.abort(signal.reason);
            return this.gaveUp(key, signal);
        });
    }
}
//# sourceMappingURL=coalesce.js.map