import { z } from 'zod';
import { badUserInput } from '../errors.js';
/**
 * Relay connections over Easemob's page cursors. Easemob hands out one cursor per page; an edge's
 * cursor is that page cursor plus the edge's offset in the page, so a client may resume after any
 * edge. Resuming after the last edge of a page costs nothing extra: its cursor is the next page's.
 */
const position = z.object({ c: z.string().optional(), o: z.number().int().min(0).max(1000) });
export const pageSize = z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100');
function encode(p) {
    return Buffer.from(JSON.stringify(p)).toString('base64url');
}
function decode(cursor, field) {
    try {
        return position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    }
    catch {
        throw badUserInput([{ message: 'is not a cursor from this connection', path: [field] }]);
    }
}
export async function cursorConnection(args, options, fetchPage) {
    if (args.last != null || args.before != null) {
        throw badUserInput([
            { message: 'backward pagination is not supported; use first/after', path: ['last'] },
        ]);
    }
    const first = args.first ?? options.defaultSize;
    const sized = pageSize.safeParse(first);
    if (!sized.success)
        throw badUserInput([{ ...sized.error.issues[0], path: ['first'] }]);
    const from = args.after ? decode(args.after, 'after') : { c: undefined, o: 0 };
    const page = await fetchPage(from.c, Math.min(options.maxUpstreamLimit, from.o + first));
    const items = page.items.slice(from.o, from.o + first);
    const edges = items.map((node, i) => {
        const offset = from.o + i + 1;
        const endOfPage = offset === page.items.length && page.cursor !== undefined;
        return {
            node,
            cursor: encode(endOfPage ? { c: page.cursor, o: 0 } : { c: from.c, o: offset }),
        };
    });
    return {
        edges,
        pageInfo: {
            hasNextPage: from.o + items.length < page.items.length || page.cursor !== undefined,
            hasPreviousPage: from.o > 0 || from.c !== undefined,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
        },
    };
}
//# sourceMappingURL=pagination.js.map