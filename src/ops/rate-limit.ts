// In-memory rate limits per process: a token bucket per key (a portal token, an address, a provider and address). The
// verdict has the sign-in limits' shape. Each process counts alone, so N API processes let through up to N times the limit.

export interface LimitRule {
  /** Named in the 429's message and in cobro_rate_limited_total. */
  name: string;
  /** Requests allowed per window, as a burst and on average; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

export interface LimitVerdict { allowed: boolean; retryAfterSeconds: number; reason?: string }

interface Bucket { tokens: number; at: number }

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(readonly rule: LimitRule, private readonly maxKeys = 100_000) {}

  /** Takes one request from the key's bucket at `nowMs`, or says how many seconds until the next one fits. */
  take(key: string, nowMs: number): LimitVerdict {
    const { limit, windowMs } = this.rule;
    if (limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const perMs = limit / windowMs;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(limit, b.tokens + Math.max(0, nowMs - b.at) * perMs) : limit;
    if (tokens >= 1) {
      if (!b && this.buckets.size >= this.maxKeys) this.prune(nowMs);
      this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
      return { allowed: true, retryAfterSeconds: 0 };
    }
    this.buckets.set(key, { tokens, at: nowMs });
    const wait = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    return { allowed: false, retryAfterSeconds: wait, reason: `too many requests (${this.rule.name}: ${limit} per ${windowMs / 1000} s); try again in ${wait} s` };
  }

  get size(): number { return this.buckets.size; }

  /** Drops the buckets that have refilled (idle keys); if none has, the oldest tenth, so memory stays bounded under a flood of keys. */
  private prune(nowMs: number): void {
    const perMs = this.rule.limit / this.rule.windowMs;
    for (const [k, b] of this.buckets) if (b.tokens + (nowMs - b.at) * perMs >= this.rule.limit) this.buckets.delete(k);
    if (this.buckets.size < this.maxKeys) return;
    let drop = Math.ceil(this.maxKeys / 10);
    for (const k of this.buckets.keys()) { if (drop-- <= 0) break; this.buckets.delete(k); }
  }
}
