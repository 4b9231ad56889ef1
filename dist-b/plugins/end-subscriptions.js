/**
 * Ends every GraphQL subscription on demand (shutdown). A subscription whose result stream ends
 * is completed by its transport: SSE writes `event: complete` and ends the response, graphql-ws
 * sends `{"type":"complete"}` for its id — so a client learns the stream is over rather than
 * seeing a socket cut mid-way, and can resubscribe elsewhere.
 */
export class SubscriptionEnder {
    active = new Set();
    ending;
    allEnded;
    /** Subscriptions currently streaming. */
    get size() {
        return this.active.size;
    }
    /** `source`, ending when it ends or at {@link endAll}, whichever comes first. */
    wrap(source) {
        const done = { done: true, value: undefined };
        let stopping = false;
        let stop;
        const stopped = new Promise((resolve) => {
            stop = () => {
                stopping = true;
                resolve(done);
            };
        });
        let finished = false;
        const finish = async () => {
            if (finished)
                return;
            finished = true;
            this.active.delete(stop);
            if (this.active.size === 0)
                this.allEnded?.();
            await source.return?.();
        };
        if (this.ending)
            stop();
        else
            this.active.add(stop);
        return {
            [Symbol.asyncIterator]() {
                return this;
            },
            next: async () => {
                if (finished)
                    return done;
                if (stopping) {
                    await finish();
                    return done;
                }
                const result = await Promise.race([stopped, source.next()]);
                if (result.done)
                    await finish();
                return result;
            },
            return: async () => {
                await finish();
                return done;
            },
            throw: async (error) => {
                await finish();
                throw error;
            },
        };
    }
    /**
     * Ends every subscription, and any started later; resolves once they have all ended and their
     * transports have had a turn to say so (graphql-ws sends `complete` a few promise steps after the
     * stream ends, and a socket closed before that would drop it).
     */
    endAll() {
        this.ending ??= new Promise((resolve) => {
            this.allEnded = () => setImmediate(resolve);
            if (this.active.size === 0)
                this.allEnded();
            for (const stop of [...this.active])
                stop();
        });
        return this.ending;
    }
}
/** Routes every subscription's result stream through `ender`. */
export function useEndSubscriptions(ender) {
    return {
        onSubscribe() {
            return {
                onSubscribeResult({ result, setResult }) {
                    if (isAsyncIterator(result))
                        setResult(ender.wrap(result));
                },
            };
        },
    };
}
function isAsyncIterator(value) {
    return (typeof value === 'object' &&
        value !== null &&
        typeof value.next === 'function');
}
//# sourceMappingURL=end-subscriptions.js.map