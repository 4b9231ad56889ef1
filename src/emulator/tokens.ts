import { accessToken } from './ids.js';

export type TokenSubject = { kind: 'app' } | { kind: 'user'; username: string };

interface IssuedToken {
  subject: TokenSubject;
  expiresAt: number;
}

export type TokenCheck =
  | { valid: true; subject: TokenSubject }
  | { valid: false; reason: 'unknown' | 'expired' };

/** Issued bearer tokens, until revoked. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private forcedLifetime: number | null = null;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Returns the token and the lifetime actually granted, after any forced lifetime. */
  issue(subject: TokenSubject, ttlSeconds: number): { token: string; expiresIn: number } {
    const expiresIn = this.forcedLifetime ?? ttlSeconds;
    const token = accessToken();
    this.tokens.set(token, { subject, expiresAt: this.now() + expiresIn * 1000 });
    return { token, expiresIn };
  }

  check(token: string): TokenCheck {
    const issued = this.tokens.get(token);
    if (!issued) return { valid: false, reason: 'unknown' };
    // Kept after expiry so that every later use still reads "expired", not "corrupt".
    if (issued.expiresAt <= this.now()) return { valid: false, reason: 'expired' };
    return { valid: true, subject: issued.subject };
  }

  setLifetime(seconds: number | null): void {
    this.forcedLifetime = seconds;
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  revokeUser(username: string): void {
    for (const [token, issued] of this.tokens) {
      if (issued.subject.kind === 'user' && issued.subject.username === username) {
        this.tokens.delete(token);
      }
    }
  }
}
