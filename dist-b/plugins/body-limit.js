import { GraphQLError } from 'graphql';
/**
 * Request bodies up to `limit` bytes. yoga's built-in limit pipes every body through a
 * TransformStream (a stream pipeline, an AbortController and a new Request per request), a
 * measurable share of a small query's cost. A body with a valid Content-Length cannot outgrow it
 * (Node's HTTP parser stops there), so that header is checked alone; only bodies without one
 * (chunked) are counted as they are read.
 */
export function useBodyLimit(limit) {
    return {
        onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
            const length = request.headers.get('content-length');
            if (length !== null) {
                // A single non-negative integer; anything else (e.g. "5, 5") smells of request smuggling.
                if (!/^\d+$/.test(length))
                    throw httpError(400, 'BAD_REQUEST', 'invalid Content-Length');
                if (Number(length) > limit)
                    throw tooLarge();
                return;
            }
            if (!requestParser || !request.body)
                return;
            const parse = requestParser;
            setRequestParser(async (original) => {
                const body = await readAtMost(original, limit);
                return parse(new fetchAPI.Request(original.url, {
                    method: original.method,
                    headers: original.headers,
                    signal: original.signal,
                    body,
                }));
            });
        },
    };
}
export async function readAtMost(request, limit) {
    const chunks = [];
    let size = 0;
    const reader = request.body.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > limit) {
            await reader.cancel();
            throw tooLarge();
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks, size).toString('utf8');
}
export const tooLarge = () => httpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'request body too large');
function httpError(status, code, message) {
    return new GraphQLError(message, { extensions: { code, http: { status } } });
}
//# sourceMappingURL=body-limit.js.map