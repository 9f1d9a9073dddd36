/**
 * Login throttling per client address (in this process): at most `limit` attempts per window.
 * Per-account lockout after repeated failures lives in the users table (see routes/session.ts),
 * so it holds across server instances.
 */
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 10 * 60_000,
  ) {}

  /** Records an attempt; false when the address is over its limit. */
  allow(address: string, now = Date.now()): boolean {
    const recent = (this.attempts.get(address) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(address, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [address, times] of this.attempts) if (times.every((time) => now - time >= this.windowMs)) this.attempts.delete(address);
  }
}

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
