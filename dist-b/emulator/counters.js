import { endpointNames } from '../easemob/endpoints.js';
// Counts stay exact forever; the detailed records are trimmed so a long benchmark cannot exhaust
// memory. Tests that look at records make far fewer calls than this.
const maxRecords = 100_000;
/** Every request that reached an endpoint, including those a fault or a rate limit answered. */
export class CallLog {
    counts = new Map();
    records = [];
    total = 0;
    start(record) {
        const full = { ...record, status: -1 };
        this.counts.set(record.endpoint, (this.counts.get(record.endpoint) ?? 0) + 1);
        this.total++;
        this.records.push(full);
        if (this.records.length > maxRecords * 2)
            this.records = this.records.slice(-maxRecords);
        return full;
    }
    count(endpoint) {
        return endpoint === undefined ? this.total : (this.counts.get(endpoint) ?? 0);
    }
    list(endpoint) {
        return endpoint === undefined
            ? [...this.records]
            : this.records.filter((record) => record.endpoint === endpoint);
    }
    /** The usernames each call to `endpoint` carried (batch status, presence get/subscribe…). */
    usernames(endpoint) {
        const lists = [];
        for (const record of this.records) {
            if (record.endpoint !== endpoint)
                continue;
            const names = usernamesIn(record.body);
            if (names)
                lists.push(names);
        }
        return lists;
    }
    /** Every endpoint with its count (zeros included), and the total. */
    snapshot() {
        const counts = {};
        for (const name of endpointNames)
            counts[name] = this.counts.get(name) ?? 0;
        return { counts, total: this.total };
    }
    reset() {
        this.counts.clear();
        this.records = [];
        this.total = 0;
    }
}
function usernamesIn(body) {
    const list = Array.isArray(body)
        ? body
        : body !== null && typeof body === 'object'
            ? (body.usernames ?? body.users)
            : undefined;
    if (!Array.isArray(list))
        return undefined;
    return list.filter((name) => typeof name === 'string');
}
//# sourceMappingURL=counters.js.map