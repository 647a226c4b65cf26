// Pure: API keys and usage plans as API Gateway applies them to a key-required method (developer
// guide, "Usage plans and API keys for REST APIs"): the key must be one of a usage plan's keys
// (403 Forbidden otherwise); the plan's throttle is a token bucket per key (rateLimit tokens a
// second, burstLimit deep: 429 Too Many Requests); its quota counts requests per key in the
// current UTC day, week (from Monday) or month (429 Limit Exceeded).
import type { ApiKey, UsagePlan } from "./types.js";

export type KeyVerdict = { ok: true; key: ApiKey; plan?: UsagePlan } | { ok: false; kind: "forbidden" | "throttled" | "quota"; reason: string };

interface Bucket {
  tokens: number;
  at: number;
}

/** Start (ms) of the quota period holding `now`, in UTC. */
export function periodStart(period: "DAY" | "WEEK" | "MONTH", now: number): number {
  const d = new Date(now);
  if (period === "MONTH") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === "DAY") return day;
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return day - sinceMonday * 86_400_000;
}

export class UsageMeter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly counts = new Map<string, { period: number; used: number }>();
  private readonly byValue: Map<string, ApiKey>;
  private readonly planOf = new Map<string, UsagePlan>();

  constructor(
    keys: ApiKey[],
    plans: UsagePlan[],
    private readonly now: () => number = Date.now,
  ) {
    this.byValue = new Map(keys.map((k) => [k.value, k]));
    for (const p of plans) for (const name of p.keys) if (!this.planOf.has(name)) this.planOf.set(name, p);
  }

  /** Checks and counts one request made with `value` (the x-api-key header or the authorizer's key). */
  check(value: string | undefined): KeyVerdict {
    if (!value) return { ok: false, kind: "forbidden", reason: "no API key (x-api-key header)" };
    const key = this.byValue.get(value);
    if (!key) return { ok: false, kind: "forbidden", reason: "the API key is not one lgw serve knows" };
    const plan = this.planOf.get(key.name);
    if (!plan) return { ok: false, kind: "forbidden", reason: `API key ${key.name} is in no usage plan` };
    const now = this.now();
    if (plan.throttle && !this.take(key.name, plan.throttle, now)) {
      return { ok: false, kind: "throttled", reason: `API key ${key.name} is over usage plan ${plan.name}'s rate (${plan.throttle.rateLimit}/s, burst ${plan.throttle.burstLimit})` };
    }
    if (plan.quota && !this.count(key.name, plan.quota, now)) {
      return { ok: false, kind: "quota", reason: `API key ${key.name} used usage plan ${plan.name}'s quota (${plan.quota.limit} a ${plan.quota.period.toLowerCase()})` };
    }
    return { ok: true, key, plan };
  }

  private take(name: string, t: { rateLimit: number; burstLimit: number }, now: number): boolean {
    const capacity = Math.max(1, t.burstLimit);
    const b = this.buckets.get(name) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * t.rateLimit);
    b.at = now;
    this.buckets.set(name, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private count(name: string, q: { limit: number; period: "DAY" | "WEEK" | "MONTH" }, now: number): boolean {
    const period = periodStart(q.period, now);
    const c = this.counts.get(name);
    const used = c && c.period === period ? c.used : 0;
    if (used >= q.limit) return false;
    this.counts.set(name, { period, used: used + 1 });
    return true;
  }
}
