import { accessToken } from './ids.js';
/** Issued bearer tokens, until revoked. */
export class TokenStore {
    now;
    tokens = new Map();
    forcedLifetime = null;
    constructor(now = () => Date.now()) {
        this.now = now;
    }
    /** Returns the token and the lifetime actually granted, after any forced lifetime. */
    issue(subject, ttlSeconds) {
        const expiresIn = this.forcedLifetime ?? ttlSeconds;
        const token = accessToken();
        this.tokens.set(token, { subject, expiresAt: this.now() + expiresIn * 1000 });
        return { token, expiresIn };
    }
    check(token) {
        const issued = this.tokens.get(token);
        if (!issued)
            return { valid: false, reason: 'unknown' };
        // Kept after expiry so that every later use still reads "expired", not "corrupt".
        if (issued.expiresAt <= this.now())
            return { valid: false, reason: 'expired' };
        return { valid: true, subject: issued.subject };
    }
    setLifetime(seconds) {
        this.forcedLifetime = seconds;
    }
    revokeAll() {
        this.tokens.clear();
    }
    revokeUser(username) {
        for (const [token, issued] of this.tokens) {
            if (issued.subject.kind === 'user' && issued.subject.username === username) {
                this.tokens.delete(token);
            }
        }
    }
}
//# sourceMappingURL=tokens.js.map