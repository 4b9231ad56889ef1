import { z } from 'zod';
import { badUserInput } from '../errors.js';

/**
 * Relay connections over Easemob's page cursors. Easemob hands out one cursor per page; an edge's
 * cursor is that page cursor plus the edge's offset in the page, so a client may resume after any
 * edge. Resuming after the last edge of a page costs nothing extra: its cursor is the next page's.
 */

const position = z.object({ c: z.string().optional(), o: z.number().int().min(0).max(1000) });
type Position = z.infer<typeof position>;

export const pageSize = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100');

function encode(p: Position): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

function decode(cursor: string, field: string): Position {
  try {
    return position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badUserInput([{ message: 'is not a cursor from this connection', path: [field] }]);
  }
}

/** An edge whose cursor is encoded only when asked for (a page of 100 rarely asks 100 times). */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly position: Position,
  ) {}

  get cursor(): string {
    return encode(this.position);
  }
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface UpstreamPage<T> {
  items: T[];
  cursor?: string;
}

export async function cursorConnection<T>(
  args: ConnectionArgs,
  options: { defaultSize: number; maxUpstreamLimit: number },
  fetchPage: (upstreamCursor: string | undefined, limit: number) => Promise<UpstreamPage<T>>,
) {
  if (args.last != null || args.before != null) {
    throw badUserInput([
      { message: 'backward pagination is not supported; use first/after', path: ['last'] },
    ]);
  }
  const first = args.first ?? options.defaultSize;
  const sized = pageSize.safeParse(first);
  if (!sized.success) throw badUserInput([{ ...sized.error.issues[0]!, path: ['first'] }]);
  const from = args.after ? decode(args.after, 'after') : { c: undefined, o: 0 };
  const page = await fetchPage(from.c, Math.min(options.maxUpstreamLimit, from.o + first));
  const items = page.items.slice(from.o, from.o + first);
  const edges = items.map((node, i) => {
    const offset = from.o + i + 1;
    const endOfPage = offset === page.items.length && page.cursor !== undefined;
    return new Edge(node, endOfPage ? { c: page.cursor, o: 0 } : { c: from.c, o: offset });
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
