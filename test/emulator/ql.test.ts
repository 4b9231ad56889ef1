import { describe, expect, it } from 'vitest';
import { matchesQuery, parseQl, QlError } from '../../src/emulator/ql.js';

describe('parseQl', () => {
  it('reads the three example forms of Easemob「聊天消息导出」', () => {
    expect(parseQl('order by timestamp desc')).toEqual({ conditions: [], order: 'desc' });
    expect(parseQl('select * order by timestamp desc')).toEqual({ conditions: [], order: 'desc' });
    expect(
      parseQl(
        'select * where timestamp<1403164734226 and timestamp>1403163586000 order by timestamp desc',
      ),
    ).toEqual({
      conditions: [
        { field: 'timestamp', op: '<', value: 1403164734226 },
        { field: 'timestamp', op: '>', value: 1403163586000 },
      ],
      order: 'desc',
    });
  });

  it('defaults to everything, ascending', () => {
    expect(parseQl(undefined)).toEqual({ conditions: [], order: 'asc' });
    expect(parseQl('  ')).toEqual({ conditions: [], order: 'asc' });
    expect(parseQl('select *')).toEqual({ conditions: [], order: 'asc' });
    expect(parseQl('ORDER BY timestamp ASC').order).toBe('asc');
  });

  it('reads text conditions in either quote and every comparison', () => {
    const query = parseQl(
      `SELECT * WHERE from='u1' AND to="u2" and chat_type = 'chat' and timestamp >= 5 and timestamp <= 9 and timestamp = 7`,
    );
    expect(query.conditions.map((c) => [c.field, c.op, c.value])).toEqual([
      ['from', '=', 'u1'],
      ['to', '=', 'u2'],
      ['chat_type', '=', 'chat'],
      ['timestamp', '>=', 5],
      ['timestamp', '<=', 9],
      ['timestamp', '=', 7],
    ]);
  });

  it('throws QlError on anything else', () => {
    for (const ql of [
      'select',
      'where',
      'where from',
      "where size='1'",
      'order timestamp',
      'limit 5',
      'select * from users',
    ]) {
      expect(() => parseQl(ql), ql).toThrow(QlError);
    }
  });
});

describe('matchesQuery', () => {
  const record = {
    type: 'chatmessage',
    msg_id: '1',
    from: 'u1',
    to: 'u2',
    chat_type: 'chat',
    timestamp: 10,
  };

  it('applies every condition', () => {
    expect(matchesQuery(record, parseQl("where from='u1' and timestamp>5"))).toBe(true);
    expect(matchesQuery(record, parseQl("where from='u1' and timestamp>10"))).toBe(false);
    expect(matchesQuery(record, parseQl('where timestamp>=10 and timestamp<=10'))).toBe(true);
    expect(matchesQuery(record, parseQl("where to='u3'"))).toBe(false);
  });
});
