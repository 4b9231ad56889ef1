import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  type ConnectionArgs,
  cursorConnection,
  type UpstreamPage,
} from '../../src/schema/pagination.js';

/**
 * An upstream paged the way Easemob pages (Easemob REST: 用户体系集成, 批量获取用户): each
 * answer carries at most `limit` items and a cursor for the rest, absent on the last page.
 */
function upstream(items: number[]) {
  const calls: [string | undefined, number][] = [];
  const fetchPage = async (
    cursor: string | undefined,
    limit: number,
  ): Promise<UpstreamPage<number>> => {
    calls.push([cursor, limit]);
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = start + limit;
    return {
      items: items.slice(start, end),
      ...(end < items.length ? { cursor: String(end) } : {}),
    };
  };
  return { calls, fetchPage };
}

const seven = [1, 2, 3, 4, 5, 6, 7];

async function connection(args: ConnectionArgs, items = seven, maxUpstreamLimit = 100) {
  const source = upstream(items);
  const result = await cursorConnection(
    args,
    { defaultSize: 3, maxUpstreamLimit },
    source.fetchPage,
  );
  return { ...result, nodes: result.edges.map((edge) => edge.node), calls: source.calls };
}

type Page = Awaited<ReturnType<typeof cursorConnection<number>>>;

/** Follows endCursor until hasNextPage is false: every node once, in order. */
async function walk(first: number, items: number[], maxUpstreamLimit: number) {
  const source = upstream(items);
  const nodes: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: Page = await cursorConnection(
      { first, after },
      { defaultSize: 3, maxUpstreamLimit },
      source.fetchPage,
    );
    nodes.push(...page.edges.map((edge) => edge.node));
    expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
    if (!page.pageInfo.hasNextPage) return { nodes, calls: source.calls.length };
    after = page.pageInfo.endCursor;
  }
  throw new Error('the walk did not end');
}

describe('cursor connections over Easemob page cursors', () => {
  it.each<[string, ConnectionArgs, number[], boolean, [string | undefined, number][]]>([
    // name, args, nodes, hasNextPage, upstream calls (cursor, limit)
    ['the default size', {}, [1, 2, 3], true, [[undefined, 3]]],
    ['first 3', { first: 3 }, [1, 2, 3], true, [[undefined, 3]]],
    ['exactly everything', { first: 7 }, seven, false, [[undefined, 7]]],
    ['more than there is', { first: 10 }, seven, false, [[undefined, 10]]],
    ['one', { first: 1 }, [1], true, [[undefined, 1]]],
  ])('%s', async (_, args, nodes, hasNextPage, calls) => {
    const page = await connection(args);
    expect(page.nodes).toEqual(nodes);
    expect(page.pageInfo.hasNextPage).toBe(hasNextPage);
    expect(page.pageInfo.hasPreviousPage).toBe(false);
    expect(page.calls).toEqual(calls);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
  });

  it('an empty upstream: no edges, null cursors', async () => {
    const page = await connection({ first: 5 }, []);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  // Mid-page, the same upstream page is read again and the answer stops at its end (fewer than
  // `first` edges, hasNextPage true); after a page's last edge the next page is read.
  it.each<[number, number[], [string | undefined, number][]]>([
    [0, [2, 3], [[undefined, 3]]],
    [1, [3], [[undefined, 3]]],
    [2, [4, 5], [['3', 2]]],
  ])('resumes after edge %i of a 3-item upstream page: %j', async (index, nodes, calls) => {
    const start = await connection({ first: 3 }, seven, 3);
    const next = await connection({ first: 2, after: start.edges[index]!.cursor }, seven, 3);
    expect(next.nodes).toEqual(nodes);
    expect(next.calls).toEqual(calls);
    expect(next.pageInfo.hasNextPage).toBe(true);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
  });

  it.each<[number, number, number]>([
    // first, the upstream's largest page, upstream calls for the whole walk
    [1, 100, 7],
    [2, 100, 4],
    [3, 100, 3],
    [7, 100, 1],
    [10, 100, 1],
    [2, 3, 4],
    [3, 3, 3],
    [5, 3, 3],
  ])(
    'walking first=%i over pages of at most %i yields every node once in %i calls',
    async (first, max, calls) => {
      const result = await walk(first, seven, max);
      expect(result.nodes).toEqual(seven);
      expect(result.calls).toBe(calls);
    },
  );

  it.each<[string, ConnectionArgs, string]>([
    ['first 0', { first: 0 }, 'first'],
    ['first 101', { first: 101 }, 'first'],
    ['first 1.5', { first: 1.5 }, 'first'],
    ['backward: last', { last: 2 }, 'last'],
    ['backward: before', { before: 'x' }, 'last'],
    ['a cursor from elsewhere', { after: 'not-a-cursor' }, 'after'],
    ['a forged offset', { after: Buffer.from('{"o":-1}').toString('base64url') }, 'after'],
  ])('%s is BAD_USER_INPUT on %s', async (_, args, field) => {
    const error = await connection(args).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
