/** What the client is told about its budget: the values of the RateLimit-* response headers. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;

/**
 * A budget of query-cost points per credential per minute (fixed windows). Kept in process memory: one API
 * process per deployment today; a shared store is the step when there are several.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  consume(key: string, cost: number, limit: number): RateLimitState {
    const now = this.now();
    const start = now - (now % WINDOW_MS);
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 10_000) this.evict(start);
    }
    const resetSeconds = Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000));
    if (window.used + cost > limit) {
      return { allowed: false, limit, remaining: Math.max(0, limit - window.used), resetSeconds };
    }
    window.used += cost;
    return { allowed: true, limit, remaining: limit - window.used, resetSeconds };
  }

  private evict(currentStart: number): void {
    for (const [key, window] of this.windows) if (window.start !== currentStart) this.windows.delete(key);
  }
}
