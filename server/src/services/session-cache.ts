import type { AuthenticatedUser } from './users.js';

interface CachedSession {
  user: AuthenticatedUser;
  /** The earlier of the session's expiry and the end of this entry's time in the cache, in ms. */
  validUntil: number;
}

export interface SessionCacheOptions {
  /** How many sessions are kept; the least recently used goes first. */
  maxEntries?: number;
  /**
   * How long a session is trusted without reading it again. Revocations reach every server process at once
   * (see session-revocations.ts); this bounds what a change made past Loket, in SQL, takes to show.
   */
  maxAgeMs?: number;
}

/**
 * The sessions this process checked recently, by token hash: each API request needs its user, and reading
 * the session from the database was most of what a light request cost. Closed while revocations from other
 * server processes cannot be heard, so a logout elsewhere is never missed.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private open: boolean;
  /** Counts revocations, so that a read which a revocation overtook is not remembered. */
  private revocations = 0;

  constructor({ maxEntries = 10_000, maxAgeMs = 60_000 }: SessionCacheOptions = {}, { open = true } = {}) {
    this.maxEntries = maxEntries;
    this.maxAgeMs = maxAgeMs;
    this.open = open;
  }

  get(tokenHash: string, now: Date): AuthenticatedUser | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    this.entries.delete(tokenHash);
    if (entry.validUntil <= now.getTime()) return undefined;
    this.entries.set(tokenHash, entry);
    return entry.user;
  }

  /** Take this before reading a session from the database, and give it to `remember` with what was read. */
  readMark(): number {
    return this.revocations;
  }

  remember(tokenHash: string, user: AuthenticatedUser, expiresAt: Date, now: Date, readMark: number): void {
    if (!this.open || readMark !== this.revocations) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { user, validUntil: Math.min(expiresAt.getTime(), now.getTime() + this.maxAgeMs) });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(tokenHash: string): void {
    this.revocations++;
    this.entries.delete(tokenHash);
  }

  /** Opens the cache, or closes and empties it: while closed, nothing is remembered. */
  setOpen(open: boolean): void {
    this.open = open;
    if (open) return;
    this.revocations++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
