import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatRecord } from '../../src/emulator/message-store.js';
import { useEmulator } from '../support/emulator.js';
import { getJson } from '../support/http.js';

const ctx = useEmulator();
const base = 1_403_160_000_000;

beforeAll(() => {
  const { state } = ctx.emulator;
  // 30 messages, one a minute, alternating senders; stored out of order to exercise sorting.
  const order = Array.from({ length: 30 }, (_, i) => i).reverse();
  for (const i of order) {
    state.storeMessage({
      from: i % 2 === 0 ? 'zw123' : 'stliu',
      to: i % 2 === 0 ? 'stliu' : 'zw123',
      targetType: 'users',
      msg: { type: 'txt', msg: `message ${i}` },
      ext: { n: i },
      timestamp: base + i * 60_000,
    });
  }
  state.storeMessage({
    from: 'zw123',
    to: '1402541206787',
    targetType: 'chatgroups',
    msg: { type: 'txt', msg: 'group' },
    timestamp: base + 31 * 60_000,
  });
});

function history(query: string) {
  return getJson(`${ctx.emulator.baseUrl}/chatmessages${query}`, { token: ctx.token });
}

function texts(entities: ChatRecord[]): string[] {
  return entities.map((record) => (record.payload.bodies[0] as { msg: string }).msg);
}

describe('GET /chatmessages', () => {
  it('answers ten records oldest first by default, with count and cursor', async () => {
    const response = await history('');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'action',
        'application',
        'applicationName',
        'count',
        'cursor',
        'duration',
        'entities',
        'organization',
        'params',
        'path',
        'timestamp',
        'uri',
      ].sort(),
    );
    expect(response.body).toMatchObject({
      action: 'get',
      path: '/chatmessages',
      uri: `${ctx.emulator.baseUrl}/chatmessages`,
      count: 10,
    });
    expect(texts(response.body.entities)).toEqual(
      Array.from({ length: 10 }, (_, i) => `message ${i}`),
    );
  });

  it('answers records in the Easemob「聊天消息导出 › 聊天记录数据结构」 shape', async () => {
    const response = await history('?limit=1');
    const [record] = response.body.entities;
    expect(Object.keys(record).sort()).toEqual(
      ['chat_type', 'from', 'msg_id', 'payload', 'timestamp', 'to', 'type'].sort(),
    );
    expect(record).toMatchObject({
      type: 'chatmessage',
      from: 'zw123',
      to: 'stliu',
      chat_type: 'chat',
      payload: { bodies: [{ type: 'txt', msg: 'message 0' }], ext: { n: 0 } },
      timestamp: base,
    });
  });

  it('supports Easemob「聊天消息导出 › 使用示例1」: ql=order by timestamp desc, limit=20 (+ encoded)', async () => {
    const response = await history('?ql=order+by+timestamp+desc&limit=20');
    expect(response.body.count).toBe(20);
    expect(texts(response.body.entities)[0]).toBe('group');
    expect(texts(response.body.entities)[1]).toBe('message 29');
    expect(response.body.params).toEqual({ limit: ['20'], ql: ['order by timestamp desc'] });
  });

  it('supports Easemob「聊天消息导出 › 使用示例2」: a time range with select *', async () => {
    const ql = `select * where timestamp<${base + 10 * 60_000} and timestamp>${base + 5 * 60_000} order by timestamp desc`;
    const response = await history(`?ql=${encodeURIComponent(ql)}`);
    expect(texts(response.body.entities)).toEqual([
      'message 9',
      'message 8',
      'message 7',
      'message 6',
    ]);
    expect(response.body).not.toHaveProperty('cursor');
  });

  it('supports Easemob「聊天消息导出 › 使用示例3」: paging with the cursor until it disappears', async () => {
    const ql = encodeURIComponent('select * order by timestamp desc');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query: string = `?ql=${ql}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await history(query);
      seen.push(...texts(page.body.entities));
      cursor = page.body.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    expect(seen[30]).toBe('message 0');
  });

  it('keeps paging stable when new messages arrive between pages', async () => {
    const first = await history('?limit=5');
    ctx.emulator.state.storeMessage({
      from: 'late',
      to: 'stliu',
      targetType: 'users',
      msg: { type: 'txt', msg: 'late' },
    });
    const second = await history(`?limit=5&cursor=${first.body.cursor}`);
    expect(texts(second.body.entities)).toEqual([
      'message 5',
      'message 6',
      'message 7',
      'message 8',
      'message 9',
    ]);
  });

  it('filters by from, to and chat_type joined with and', async () => {
    const from = await history(
      `?ql=${encodeURIComponent("select * where from='stliu' and to='zw123'")}&limit=100`,
    );
    expect(from.body.count).toBe(15);
    const group = await history(`?ql=${encodeURIComponent("where chat_type='groupchat'")}`);
    expect(texts(group.body.entities)).toEqual(['group']);
    const exact = await history(`?ql=${encodeURIComponent(`select * where timestamp=${base}`)}`);
    expect(texts(exact.body.entities)).toEqual(['message 0']);
    const inclusive = await history(
      `?ql=${encodeURIComponent(`select * where timestamp>=${base + 28 * 60_000} and timestamp<=${base + 29 * 60_000} and from="stliu"`)}`,
    );
    expect(texts(inclusive.body.entities)).toEqual(['message 29']);
  });

  it('answers 400 query_parse for a query it cannot read', async () => {
    for (const ql of [
      'select name from users',
      'order by from',
      'select * where timestamp < abc',
      "select * where from > 'a'",
      "select * where from='a' or to='b'",
      "select * where from='unclosed",
    ]) {
      const response = await history(`?ql=${encodeURIComponent(ql)}`);
      expect(response.status, ql).toBe(400);
      expect(response.body.error).toBe('query_parse');
      expect(Object.keys(response.body).sort()).toEqual(
        ['duration', 'error', 'error_description', 'exception', 'timestamp'].sort(),
      );
    }
  });

  it('answers 400 for a cursor it did not issue', async () => {
    const response = await history('?cursor=bm9wZQ');
    expect(response.status).toBe(400);
  });
});
