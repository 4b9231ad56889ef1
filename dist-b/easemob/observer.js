import { EasemobError } from './errors.js';
/** `sent`, reporting its outcome to `done` on the way through. */
export function observeAttempt(sent, done) {
    return sent.then((answer) => {
        report(done, { status: answer.status });
        return answer;
    }, (error) => {
        report(done, outcomeOf(error));
        throw error;
    });
}
export function outcomeOf(error) {
    if (error instanceof EasemobError)
        return { status: error.status, code: error.code };
    return { status: 0, code: 'unknown' };
}
/** One observer telling several (metrics and tracing, say); undefined when none is given. */
export function combineObservers(...observers) {
    const present = observers.filter((o) => o !== undefined);
    if (present.length <= 1)
        return present[0];
    return {
        attempt(endpoint) {
            const finishers = present.map((o) => o.attempt?.(endpoint)).filter((f) => f !== undefined);
            if (finishers.length === 0)
                return undefined;
            return (outcome) => {
                for (const finish of finishers)
                    report(finish, outcome);
            };
        },
        retry(endpoint) {
            for (const o of present)
                o.retry?.(endpoint);
        },
        appToken() {
            for (const o of present)
                o.appToken?.();
        },
        admitted(endpoint, caller, waitedMs) {
            for (const o of present)
                o.admitted?.(endpoint, caller, waitedMs);
        },
        refused(endpoint, reason) {
            for (const o of present)
                o.refused?.(endpoint, reason);
        },
    };
}
function report(done, outcome) {
    // An observer's bug must not turn a successful call into a failure (or hide the real error).
    try {
        done(outcome);
    }
    catch { }
}
//# sourceMappingURL=observer.js.map