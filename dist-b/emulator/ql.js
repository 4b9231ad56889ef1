export class QlError extends Error {
    name = 'QlError';
}
const textFields = new Set(['from', 'to', 'chat_type', 'msg_id', 'type']);
function tokenize(ql) {
    const pattern = /\s*(<=|>=|<|>|=|\*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s<>=*'"]+)/y;
    const tokens = [];
    while (pattern.lastIndex < ql.length) {
        const start = pattern.lastIndex;
        const match = pattern.exec(ql);
        if (!match) {
            if (ql.slice(start).trim() === '')
                break;
            throw new QlError(`unexpected character at ${start} in query: ${ql}`);
        }
        tokens.push(match[1] ?? '');
    }
    return tokens;
}
class Parser {
    tokens;
    source;
    index = 0;
    constructor(tokens, source) {
        this.tokens = tokens;
        this.source = source;
    }
    parse() {
        const query = { conditions: [], order: 'asc' };
        if (this.acceptKeyword('select'))
            this.expect('*');
        if (this.acceptKeyword('where')) {
            query.conditions.push(this.condition());
            while (this.acceptKeyword('and'))
                query.conditions.push(this.condition());
        }
        if (this.acceptKeyword('order')) {
            this.expectKeyword('by');
            const field = this.next('a field after "order by"').toLowerCase();
            if (field !== 'timestamp')
                this.fail(`cannot order by ${field}`);
            if (this.acceptKeyword('desc'))
                query.order = 'desc';
            else
                this.acceptKeyword('asc');
        }
        if (this.index < this.tokens.length)
            this.fail(`unexpected "${this.tokens[this.index]}"`);
        return query;
    }
    condition() {
        const field = this.next('a field').toLowerCase();
        if (field !== 'timestamp' && !textFields.has(field))
            this.fail(`unknown field ${field}`);
        const op = this.next('an operator');
        if (!['<', '>', '<=', '>=', '='].includes(op))
            this.fail(`expected an operator, got "${op}"`);
        const literal = this.next('a value');
        if (field === 'timestamp') {
            const number = Number(unquote(literal));
            if (!Number.isFinite(number))
                this.fail(`timestamp needs a number, got ${literal}`);
            return { field, op, value: number };
        }
        if (op !== '=')
            this.fail(`${field} only supports "="`);
        const quoted = /^['"]/.test(literal);
        if (!quoted && !/^\d+$/.test(literal))
            this.fail(`${field} needs a quoted value, got ${literal}`);
        return { field, op, value: unquote(literal) };
    }
    next(what) {
        const token = this.tokens[this.index++];
        if (token === undefined)
            this.fail(`expected ${what} at the end`);
        return token;
    }
    expect(token) {
        if (this.tokens[this.index] !== token)
            this.fail(`expected "${token}"`);
        this.index++;
    }
    expectKeyword(keyword) {
        if (!this.acceptKeyword(keyword))
            this.fail(`expected "${keyword}"`);
    }
    acceptKeyword(keyword) {
        if (this.tokens[this.index]?.toLowerCase() !== keyword)
            return false;
        this.index++;
        return true;
    }
    fail(message) {
        throw new QlError(`${message} in query: ${this.source}`);
    }
}
function unquote(literal) {
    if (/^'.*'$|^".*"$/s.test(literal))
        return literal.slice(1, -1).replace(/\\(.)/g, '$1');
    return literal;
}
export function parseQl(ql) {
    if (ql === undefined || ql.trim() === '')
        return { conditions: [], order: 'asc' };
    return new Parser(tokenize(ql), ql).parse();
}
export function matchesQuery(record, query) {
    for (const { field, op, value } of query.conditions) {
        const actual = record[field];
        if (op === '=' && actual !== value && String(actual) !== String(value))
            return false;
        if (op === '<' && !(actual < value))
            return false;
        if (op === '>' && !(actual > value))
            return false;
        if (op === '<=' && !(actual <= value))
            return false;
        if (op === '>=' && !(actual >= value))
            return false;
    }
    return true;
}
//# sourceMappingURL=ql.js.map