import { randomUUID } from 'node:crypto';
const kinds = new Set(['status', 'delay', 'reset', 'malformed', 'respond']);
export class FaultInjector {
    armed = [];
    random;
    constructor(options = {}) {
        this.random = options.random ?? Math.random;
    }
    /** Arms a fault and returns its id; throws on a fault that makes no sense. */
    add(fault) {
        validate(fault);
        const id = randomUUID();
        this.armed.push({ id, fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
        return id;
    }
    remove(id) {
        const before = this.armed.length;
        this.armed = this.armed.filter((armed) => armed.id !== id);
        return this.armed.length < before;
    }
    clear() {
        this.armed = [];
    }
    get size() {
        return this.armed.length;
    }
    /** The first armed fault for this call and phase, used up by one; undefined when none fires. */
    take(endpoint, when) {
        if (this.armed.length === 0)
            return undefined;
        for (const armed of this.armed) {
            const { fault } = armed;
            if ((fault.when ?? 'before') !== when)
                continue;
            if (fault.endpoint !== undefined && fault.endpoint !== '*' && fault.endpoint !== endpoint) {
                continue;
            }
            if (fault.probability !== undefined && this.random() >= fault.probability)
                continue;
            armed.remaining--;
            if (armed.remaining <= 0)
                this.remove(armed.id);
            return fault;
        }
        return undefined;
    }
}
function validate(fault) {
    if (!fault || typeof fault !== 'object' || !kinds.has(fault.kind)) {
        throw new TypeError(`unknown fault kind ${String(fault?.kind)}`);
    }
    if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) {
        throw new TypeError('fault.times must be a positive integer');
    }
    const p = fault.probability;
    if (p !== undefined && !(typeof p === 'number' && p >= 0 && p <= 1)) {
        throw new TypeError('fault.probability must be between 0 and 1');
    }
    if (fault.when !== undefined && fault.when !== 'before' && fault.when !== 'after') {
        throw new TypeError("fault.when must be 'before' or 'after'");
    }
    if (fault.kind === 'status' && !validStatus(fault.status)) {
        throw new TypeError('fault.status must be an HTTP status code');
    }
    if (fault.kind === 'respond' && fault.status !== undefined && !validStatus(fault.status)) {
        throw new TypeError('fault.status must be an HTTP status code');
    }
    if (fault.kind === 'delay' && !(typeof fault.ms === 'number' && fault.ms >= 0)) {
        throw new TypeError('fault.ms must be a non-negative number');
    }
}
function validStatus(status) {
    return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
}
//# sourceMappingURL=faults.js.map