import { matchesQuery } from './ql.js';
export class CursorError extends Error {
    name = 'CursorError';
}
/** Chat history kept sorted by (timestamp, arrival), so pages can seek instead of re-sorting. */
export class MessageStore {
    stored = [];
    nextSeq = 1;
    get size() {
        return this.stored.length;
    }
    add(record) {
        const item = { record, seq: this.nextSeq++ };
        const last = this.stored[this.stored.length - 1];
        if (!last || last.record.timestamp <= record.timestamp) {
            this.stored.push(item);
            return;
        }
        // Only back-dated records (seeds) take this path.
        this.stored.splice(this.firstAfter(record.timestamp, item.seq), 0, item);
    }
    records() {
        return this.stored.map((item) => item.record);
    }
    /**
     * One page of records matching `query`. The cursor names the last record returned, so a page
     * continues after it even if messages arrived in between; it is absent on the last page.
     */
    page(query, limit, cursor) {
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        const entities = [];
        let lastReturned;
        const step = query.order === 'asc' ? 1 : -1;
        let index;
        if (query.order === 'asc')
            index = after ? this.firstAfter(after.timestamp, after.seq) : 0;
        else
            index = (after ? this.firstAfter(after.timestamp, after.seq - 1) : this.stored.length) - 1;
        for (; index >= 0 && index < this.stored.length; index += step) {
            const item = this.stored[index];
            if (!matchesQuery(item.record, query))
                continue;
            if (entities.length === limit) {
                return { entities, cursor: encodeCursor(lastReturned) };
            }
            entities.push(item.record);
            lastReturned = item;
        }
        return { entities };
    }
    /** Index of the first record sorting after (timestamp, seq). */
    firstAfter(timestamp, seq) {
        let low = 0;
        let high = this.stored.length;
        while (low < high) {
            const mid = (low + high) >>> 1;
            const item = this.stored[mid];
            const before = item.record.timestamp < timestamp ||
                (item.record.timestamp === timestamp && item.seq <= seq);
            if (before)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
function encodeCursor(item) {
    return Buffer.from(`${item.record.timestamp}:${item.seq}`).toString('base64url');
}
function decodeCursor(cursor) {
    const match = /^(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!match)
        throw new CursorError(`invalid cursor ${cursor}`);
    return { timestamp: Number(match[1]), seq: Number(match[2]) };
}
//# sourceMappingURL=message-store.js.map