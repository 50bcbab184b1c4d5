/**
 * Writes per minute per key (reader id, IP), in a fixed window from each key's first write.
 * Counted in this process, or by `shared` (the database, on PostgreSQL) so every instance behind
 * a load balancer counts together.
 */
export type SharedCounter = (keys: string[], now: number, windowMs: number) => Promise<{ count: number; start: number }[]>;

export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { count: number; start: number }>();
  readonly #now: () => number;
  readonly #shared?: SharedCounter;

  constructor(limitPerMinute: number, options: { now?: () => number; windowMs?: number; shared?: SharedCounter } = {}) {
    this.#limit = limitPerMinute;
    this.#now = options.now ?? Date.now;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#shared = options.shared;
  }

  /** Counts one write for every key; resolves to the seconds to wait when any key is over its limit. */
  async hit(keys: string[]): Promise<number | null> {
    if (this.#limit <= 0) return null;
    const now = this.#now();
    const windows = this.#shared ? await this.#shared(keys, now, this.#windowMs) : keys.map((key) => this.#count(key, now));
    let wait = 0;
    for (const { count, start } of windows)
      if (count > this.#limit) wait = Math.max(wait, Math.ceil((start + this.#windowMs - now) / 1000), 1);
    return wait || null;
  }

  #count(key: string, now: number): { count: number; start: number } {
    if (this.#hits.size > 50_000) for (const [k, e] of this.#hits) if (e.start + this.#windowMs <= now) this.#hits.delete(k);
    let entry = this.#hits.get(key);
    if (!entry || entry.start + this.#windowMs <= now) this.#hits.set(key, (entry = { count: 0, start: now }));
    entry.count++;
    return entry;
  }
}
