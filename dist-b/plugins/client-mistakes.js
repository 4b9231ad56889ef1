import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { specifiedRules, ValuesOfCorrectTypeRule, } from 'graphql';
import { isAsyncIterable } from 'graphql-yoga';
import { errorCodes } from '../errors.js';
/**
 * Requests refused for the caller's own mistake: CSRF refusals, documents that fail validation,
 * variables that do not fit their types. graphql-js and yoga report most of them without a code,
 * and yoga logs anything our maskError has to touch as an error of ours; so they get their code
 * where they arise, pass maskError untouched, and are logged here, once per request, at info.
 */
export function useClientMistakes(logger) {
    const refused = (errors) => {
        if (!logger?.isLevelEnabled('info') || errors.length === 0)
            return;
        logger.info({
            code: errors[0].extensions.code,
            errors: errors.map((error) => ({ code: error.extensions.code, message: error.message })),
        }, 'request refused');
    };
    return {
        onValidate({ validateFn, setValidationFn }) {
            setValidationFn((schema, document, rules = specifiedRules, ...rest) => validateFn(schema, document, rules.map(valuesAsUserInput), ...rest));
            // yoga gives the rest their code after this hook; the log line needs it now.
            return ({ valid, result }) => {
                if (!valid)
                    refused(result.map((error) => coded(error, errorCodes.validationFailed)));
            };
        },
        // Errors before execution starts (no `data`): the variables do not fit, or no such operation.
        onExecute: () => ({
            onExecuteDone: ({ result }) => {
                if (!isAsyncIterable(result) && !('data' in result))
                    refused(badUserInput(result.errors));
            },
        }),
        onSubscribe: () => ({
            onSubscribeResult: ({ result }) => {
                if (!isAsyncIterable(result) && !('data' in result))
                    refused(badUserInput(result.errors));
            },
        }),
    };
}
/**
 * yoga's CSRF prevention (browsers send a "simple" request without a preflight only without custom
 * headers), its 403 kept, with yoga's own code for a malformed request and one info line.
 */
export function useCSRFRefusal(requestHeaders, logger) {
    const csrf = useCSRFPrevention({ requestHeaders });
    return {
        onRequestParse(payload) {
            try {
                return csrf.onRequestParse?.(payload);
            }
            catch (error) {
                const refusal = error;
                Object.assign(refusal.extensions, { code: errorCodes.badRequest });
                logger?.info({ code: errorCodes.badRequest, reason: refusal.message }, 'request refused');
                throw refusal;
            }
        },
    };
}
/** A literal of the wrong type or shape (an invalid DateTime, two keys of a `@oneOf`) is input. */
function valuesAsUserInput(rule) {
    if (rule !== ValuesOfCorrectTypeRule)
        return rule;
    return (context) => {
        const tagging = Object.create(context);
        tagging.reportError = (error) => {
            context.reportError(coded(error, errorCodes.badUserInput));
        };
        return rule(tagging);
    };
}
function badUserInput(errors) {
    for (const error of errors ?? [])
        coded(error, errorCodes.badUserInput);
    return errors ?? [];
}
function coded(error, code) {
    if (!error.extensions.code)
        Object.assign(error.extensions, { code });
    return error;
}
//# sourceMappingURL=client-mistakes.js.map