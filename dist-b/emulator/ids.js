import { createHash, randomBytes } from 'node:crypto';
// Easemob entities carry version-1 (time-based) UUIDs, e.g. 0ffe2d80-ed76-11e8-8d66-279e3e1c214b.
const GREGORIAN_OFFSET_MS = 12219292800000n;
const node = randomBytes(6);
node[0] = (node[0] ?? 0) | 0x01; // multicast bit: marks a random node id (RFC 4122 §4.5)
const clockSeq = (randomBytes(2).readUInt16BE() & 0x3fff) | 0x8000;
let lastTicks = 0n;
function hex(value, width) {
    return value.toString(16).padStart(width, '0');
}
/** A version-1 UUID for `nowMs`, strictly increasing within this process. */
export function uuidV1(nowMs = Date.now()) {
    let ticks = (BigInt(nowMs) + GREGORIAN_OFFSET_MS) * 10000n;
    if (ticks <= lastTicks)
        ticks = lastTicks + 1n;
    lastTicks = ticks;
    const timeLow = ticks & 0xffffffffn;
    const timeMid = (ticks >> 32n) & 0xffffn;
    const timeHigh = ((ticks >> 48n) & 0x0fffn) | 0x1000n;
    return [
        hex(timeLow, 8),
        hex(timeMid, 4),
        hex(timeHigh, 4),
        clockSeq.toString(16),
        node.toString('hex'),
    ].join('-');
}
/** A stable, v1-looking application UUID derived from org and app, so restarts keep it. */
export function appUuidFor(orgName, appName) {
    const digest = createHash('sha1').update(`${orgName}#${appName}`).digest('hex');
    const variant = ((Number.parseInt(digest.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
    return [
        digest.slice(0, 8),
        digest.slice(8, 12),
        `1${digest.slice(13, 16)}`,
        `${variant}${digest.slice(18, 20)}`,
        digest.slice(20, 32),
    ].join('-');
}
/** Opaque bearer tokens shaped like Easemob's: "YWMt" followed by URL-safe base64. */
export function accessToken() {
    return `YWMt${randomBytes(78).toString('base64url')}`;
}
/**
 * Easemob message ids are 18–19 digit numeric strings that grow with time
 * (e.g. 1062012290046281256): a millisecond clock shifted left with a sequence in the low bits.
 */
export class MessageIdGenerator {
    last = 0n;
    next(nowMs = Date.now()) {
        const candidate = BigInt(nowMs) << 22n;
        this.last = candidate > this.last ? candidate : this.last + 1n;
        return this.last.toString();
    }
}
//# sourceMappingURL=ids.js.map