/**
 * The chat-history query language (Easemob「聊天消息导出 › 聊天消息REST API」): a small subset of
 * usergrid's ql.
 *
 *   [select *] [where COND {and COND}] [order by timestamp [asc|desc]]
 *   COND := timestamp (<|>|<=|>=|=) NUMBER | (from|to|chat_type|msg_id|type) = 'TEXT'
 *
 * Keywords are case-insensitive; the default order is ascending. Anything else is a parse error,
 * answered with 400 query_parse (the docs show no error body for ql; usergrid's is used).
 */
export type QlField = 'timestamp' | 'from' | 'to' | 'chat_type' | 'msg_id' | 'type';
export type QlOperator = '<' | '>' | '<=' | '>=' | '=';

export interface QlCondition {
  field: QlField;
  op: QlOperator;
  value: number | string;
}

export interface ChatQuery {
  conditions: QlCondition[];
  order: 'asc' | 'desc';
}

export class QlError extends Error {
  override readonly name = 'QlError';
}

const textFields = new Set<QlField>(['from', 'to', 'chat_type', 'msg_id', 'type']);
function tokenize(ql: string): string[] {
  const pattern = /\s*(<=|>=|<|>|=|\*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s<>=*'"]+)/y;
  const tokens: string[] = [];
  while (pattern.lastIndex < ql.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(ql);
    if (!match) {
      if (ql.slice(start).trim() === '') break;
      throw new QlError(`unexpected character at ${start} in query: ${ql}`);
    }
    tokens.push(match[1] ?? '');
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: string[],
    private readonly source: string,
  ) {}

  parse(): ChatQuery {
    const query: ChatQuery = { conditions: [], order: 'asc' };
    if (this.acceptKeyword('select')) this.expect('*');
    if (this.acceptKeyword('where')) {
      query.conditions.push(this.condition());
      while (this.acceptKeyword('and')) query.conditions.push(this.condition());
    }
    if (this.acceptKeyword('order')) {
      this.expectKeyword('by');
      const field = this.next('a field after "order by"').toLowerCase();
      if (field !== 'timestamp') this.fail(`cannot order by ${field}`);
      if (this.acceptKeyword('desc')) query.order = 'desc';
      else this.acceptKeyword('asc');
    }
    if (this.index < this.tokens.length) this.fail(`unexpected "${this.tokens[this.index]}"`);
    return query;
  }

  private condition(): QlCondition {
    const field = this.next('a field').toLowerCase() as QlField;
    if (field !== 'timestamp' && !textFields.has(field)) this.fail(`unknown field ${field}`);
    const op = this.next('an operator') as QlOperator;
    if (!['<', '>', '<=', '>=', '='].includes(op)) this.fail(`expected an operator, got "${op}"`);
    const literal = this.next('a value');
    if (field === 'timestamp') {
      const number = Number(unquote(literal));
      if (!Number.isFinite(number)) this.fail(`timestamp needs a number, got ${literal}`);
      return { field, op, value: number };
    }
    if (op !== '=') this.fail(`${field} only supports "="`);
    const quoted = /^['"]/.test(literal);
    if (!quoted && !/^\d+$/.test(literal))
      this.fail(`${field} needs a quoted value, got ${literal}`);
    return { field, op, value: unquote(literal) };
  }

  private next(what: string): string {
    const token = this.tokens[this.index++];
    if (token === undefined) this.fail(`expected ${what} at the end`);
    return token as string;
  }

  private expect(token: string): void {
    if (this.tokens[this.index] !== token) this.fail(`expected "${token}"`);
    this.index++;
  }

  private expectKeyword(keyword: string): void {
    if (!this.acceptKeyword(keyword)) this.fail(`expected "${keyword}"`);
  }

  private acceptKeyword(keyword: string): boolean {
    if (this.tokens[this.index]?.toLowerCase() !== keyword) return false;
    this.index++;
    return true;
  }

  private fail(message: string): never {
    throw new QlError(`${message} in query: ${this.source}`);
  }
}

function unquote(literal: string): string {
  if (/^'.*'$|^".*"$/s.test(literal)) return literal.slice(1, -1).replace(/\\(.)/g, '$1');
  return literal;
}

export function parseQl(ql: string | undefined): ChatQuery {
  if (ql === undefined || ql.trim() === '') return { conditions: [], order: 'asc' };
  return new Parser(tokenize(ql), ql).parse();
}

export function matchesQuery(record: Record<QlField, string | number>, query: ChatQuery): boolean {
  for (const { field, op, value } of query.conditions) {
    const actual = record[field];
    if (op === '=' && actual !== value && String(actual) !== String(value)) return false;
    if (op === '<' && !(actual < value)) return false;
    if (op === '>' && !(actual > value)) return false;
    if (op === '<=' && !(actual <= value)) return false;
    if (op === '>=' && !(actual >= value)) return false;
  }
  return true;
}
