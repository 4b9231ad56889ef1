import { GraphQLError } from 'graphql';
import { type Logger, pino } from 'pino';
import { errorCodes, toClientError } from './errors.js';
import { requestScope } from './request-scope.js';

export type { Logger };

/** Structured JSON logs. Errors are logged as summaries: never a stack, a token or a request body. */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    // Written synchronously: an asynchronous write still in flight when the process exits (after
    // a drain, say) lands after the lines flushed at exit, and the log reads out of order.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * yoga's logger interface over pino. Failures clients caused or Easemob reported are not errors
 * of ours. Requests refused for lack of call budget are logged at most once a second: a flood
 * is refused thousands of times a second, and a line for each would spend the CPU and the log
 * volume of the overload on saying so (each line counts those left out since the last one; the
 * metrics count every one).
 */
export function yogaLogging(logger: Logger, now: () => number = Date.now) {
  const seen = new WeakSet<object>();
  let budgetLineAt = Number.NEGATIVE_INFINITY;
  let budgetLinesLeftOut = 0;
  const log =
    (level: 'debug' | 'info' | 'warn') =>
    (message: unknown, ...rest: unknown[]) => {
      // yoga logs at debug on every request: build nothing when the level is off.
      if (!logger.isLevelEnabled(level)) return;
      logger[level]({ detail: rest.length ? rest.map(summarise) : undefined }, String(message));
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: (...args: unknown[]) => {
      for (const arg of args) {
        // yoga reports an error thrown before execution twice (its maskError wrapper, then its
        // error handler): the same object both times.
        if (typeof arg === 'object' && arg !== null) {
          if (seen.has(arg)) continue;
          seen.add(arg);
        }
        const original = arg instanceof GraphQLError ? (arg.originalError ?? arg) : arg;
        // One failure shared by many fields (a failed batch under a list) is one line.
        if (original !== arg && typeof original === 'object' && original !== null) {
          if (seen.has(original)) continue;
          seen.add(original);
        }
        const expected = toClientError(original);
        if (expected?.extensions.code === errorCodes.rateLimited) {
          if (now() - budgetLineAt < 1000) {
            budgetLinesLeftOut++;
            continue;
          }
          budgetLineAt = now();
          const leftOut = budgetLinesLeftOut;
          budgetLinesLeftOut = 0;
          logger.info(
            { error: summarise(arg), code: errorCodes.rateLimited, leftOut },
            'request failed',
          );
        } else if (expected) {
          logger.info({ error: summarise(arg), code: expected.extensions.code }, 'request failed');
        } else {
          logger.error({ error: summarise(arg) }, 'unexpected error');
        }
      }
    },
  };
}

function summarise(value: unknown) {
  if (!(value instanceof Error)) return typeof value === 'string' ? value : undefined;
  const original = value instanceof GraphQLError ? value.originalError : undefined;
  return {
    type: (original ?? value).name,
    message: (original ?? value).message,
    path: value instanceof GraphQLError ? value.path?.join('.') : undefined,
  };
}
