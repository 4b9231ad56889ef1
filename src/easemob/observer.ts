import type { EndpointName } from './endpoints.js';
import { EasemobError } from './errors.js';

/** How one HTTP attempt to Easemob ended. */
export interface AttemptOutcome {
  /** HTTP status; 0 when no answer arrived (timeout, connection failure). */
  status: number;
  /** On failure: Easemob's `error` field, or one of ours (`timeout`, `network_error`…). */
  code?: string;
}

/**
 * Observability hooks of the client (metrics, tracing), all optional. They are told, never asked:
 * nothing they do changes a call, and they must not throw.
 */
export interface UpstreamObserver {
  /**
   * An HTTP attempt is about to be sent (the circuit let it through; retries and token requests
   * included). The returned function, if any, is called once with the attempt's outcome.
   */
  attempt?(endpoint: EndpointName): ((outcome: AttemptOutcome) => void) | undefined;
  /** A failed call is about to be sent again. */
  retry?(endpoint: EndpointName): void;
  /** An app token is being requested from Easemob (the first one or a refresh). */
  appToken?(): void;
  /** A call was given its budget slot for `caller` after waiting `waitedMs`. */
  admitted?(endpoint: EndpointName, caller: string | undefined, waitedMs: number): void;
  /** A call was refused its budget slot: it waited too long, the queue was full, or it gave up. */
  refused?(endpoint: EndpointName, reason: 'wait' | 'queue_full' | 'aborted'): void;
}

/** `sent`, reporting its outcome to `done` on the way through. */
export function observeAttempt<T extends { status: number }>(
  sent: Promise<T>,
  done: (outcome: AttemptOutcome) => void,
): Promise<T> {
  return sent.then(
    (answer) => {
      report(done, { status: answer.status });
      return answer;
    },
    (error: unknown) => {
      report(done, outcomeOf(error));
      throw error;
    },
  );
}

export function outcomeOf(error: unknown): AttemptOutcome {
  if (error instanceof EasemobError) return { status: error.status, code: error.code };
  return { status: 0, code: 'unknown' };
}

/** One observer telling several (metrics and tracing, say); undefined when none is given. */
export function combineObservers(
  ...observers: (UpstreamObserver | undefined)[]
): UpstreamObserver | undefined {
  const present = observers.filter((o): o is UpstreamObserver => o !== undefined);
  if (present.length <= 1) return present[0];
  return {
    attempt(endpoint) {
      const finishers = present.map((o) => o.attempt?.(endpoint)).filter((f) => f !== undefined);
      if (finishers.length === 0) return undefined;
      return (outcome) => {
        for (const finish of finishers) report(finish, outcome);
      };
    },
    retry(endpoint) {
      for (const o of present) o.retry?.(endpoint);
    },
    appToken() {
      for (const o of present) o.appToken?.();
    },
    admitted(endpoint, caller, waitedMs) {
      for (const o of present) o.admitted?.(endpoint, caller, waitedMs);
    },
    refused(endpoint, reason) {
      for (const o of present) o.refused?.(endpoint, reason);
    },
  };
}

function report(done: (outcome: AttemptOutcome) => void, outcome: AttemptOutcome): void {
  // An observer's bug must not turn a successful call into a failure (or hide the real error).
  try {
    done(outcome);
  } catch {}
}
