// Pure-ish: the authorizer decision cache API Gateway keeps for Lambda (and REST TOKEN/REQUEST)
// authorizers: a decision is reused for `ttl` seconds for requests with the same identity-source
// values. TTL 0 turns caching off. Concurrent requests with the same identity wait for the one
// authorizer call already running instead of starting another. Errors are never cached.

export interface DecisionCacheOptions {
  /** milliseconds since the epoch; injectable for tests */
  now?: () => number;
  /** bound on remembered identities (oldest out first) */
  maxEntries?: number;
}

interface Entry<T> {
  value: T;
  expires: number;
}

/** Identity-source values -> one key; NUL cannot appear in a header or query value. */
export function identityKey(values: readonly string[]): string {
  return values.join("\u0000");
}

export class DecisionCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T>>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(opts: DecisionCacheOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.maxEntries = opts.maxEntries ?? 10_000;
  }

  /** The remembered decision for these identity values, if still fresh. */
  get(identity: readonly string[]): T | undefined {
    const key = identityKey(identity);
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(identity: readonly string[], value: T, ttlSeconds: number): void {
    if (!(ttlSeconds > 0)) return;
    const key = identityKey(identity);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: this.now() + ttlSeconds * 1000 });
  }

  /**
   * The cached decision, or `decide()`'s, remembered for ttlSeconds when `cacheable` says so
   * (a REST authorizer's "Unauthorized" error, say, is not a decision). With ttl 0 every call
   * decides afresh.
   */
  async getOrDecide(
    identity: readonly string[],
    ttlSeconds: number,
    decide: () => Promise<T>,
    cacheable: (value: T) => boolean = () => true,
  ): Promise<{ value: T; cached: boolean }> {
    if (!(ttlSeconds > 0)) return { value: await decide(), cached: false };
    const hit = this.get(identity);
    if (hit !== undefined) return { value: hit, cached: true };
    const key = identityKey(identity);
    const running = this.inflight.get(key);
    if (running) return { value: await running, cached: true };
    const p = decide();
    this.inflight.set(key, p);
    try {
      const value = await p;
      if (cacheable(value)) this.set(identity, value, ttlSeconds);
      return { value, cached: false };
    } finally {
      this.inflight.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
