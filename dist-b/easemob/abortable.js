/**
 * `promise`'s outcome, or a rejection as soon as `signal` aborts: `onAbort` gives the error, or
 * `undefined` to wait for the outcome after all (a send already on the wire). The listener goes
 * once the promise settles, so thousands of waits leave nothing behind.
 */
export function untilAborted(promise, signal, onAbort) {
    return new Promise((resolve, reject) => {
        const abort = () => {
            const error = onAbort();
            if (error !== undefined)
                reject(error);
        };
        if (signal.aborted)
            abort();
        else
            signal.addEventListener('abort', abort, { once: true });
        promise.then((value) => {
            signal.removeEventListener('abort', abort);
            resolve(value);
        }, (failure) => {
            signal.removeEventListener('abort', abort);
            reject(failure);
        });
    });
}
//# sourceMappingURL=abortable.js.map