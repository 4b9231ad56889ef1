/**
 * Upstream reads in flight that will hand out users: a contact list, a page of users, a page of
 * chat history. A user's status asked for now and the statuses of the users those reads bring
 * belong in the same `POST /users/batch/status` call, so the status loader waits for them.
 *
 * Without this, `user { status contacts { status } }` costs one batch for the user alone and then
 * the batches for its contacts: 251 names in 4 calls instead of 3.
 */
export class Feeds {
    inFlight = new Set();
    track(read) {
        this.inFlight.add(read);
        const forget = () => this.inFlight.delete(read);
        read.then(forget, forget);
        return read;
    }
    /** A DataLoader `batchScheduleFn`: dispatches once no feed is in flight. */
    afterFeeds = (dispatch) => {
        const step = () => {
            if (this.inFlight.size === 0)
                dispatch();
            // The fields of what the feeds bring are resolved in promise jobs: wait past them too.
            else
                void Promise.allSettled([...this.inFlight]).then(() => setImmediate(step));
        };
        setImmediate(step);
    };
}
//# sourceMappingURL=feeds.js.map