/**
 * Writes per minute per key (reader id, IP), in a fixed window. Per process: behind a load
 * balancer each instance counts on its own (docs/server.md says so).
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { count: number; resetAt: number }>();
  readonly #now: () => number;

  constructor(limitPerMinute: number, now: () => number = Date.now, windowMs = 60_000) {
    this.#limit = limitPerMinute;
    this.#now = now;
    this.#windowMs = windowMs;
  }

  /** Counts one write for every key; returns the seconds to wait when any key is over its limit. */
  hit(keys: string[]): number | null {
    if (this.#limit <= 0) return null;
    const now = this.#now();
    if (this.#hits.size > 50_000) this.#sweep(now);
    let wait = 0;
    for (const key of keys) {
      let entry = this.#hits.get(key);
      if (!entry || entry.resetAt <= now) this.#hits.set(key, (entry = { count: 0, resetAt: now + this.#windowMs }));
      entry.count++;
      if (entry.count > this.#limit) wait = Math.max(wait, Math.ceil((entry.resetAt - now) / 1000));
    }
    return wait > 0 ? wait : null;
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#hits) if (entry.resetAt <= now) this.#hits.delete(key);
  }
}
