import { performance } from "node:perf_hooks";

export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
}

/** integrator.io's numbers: a per-account bucket of 1,000 requests refilled at 300 per second. */
export const celigoRateLimit: RateLimitOptions = { capacity: 1000, refillPerSecond: 300 };

/** One leaky bucket per account, on real time (throttling protects the process, not the scenario). */
export class RateLimiter {
  readonly #options: RateLimitOptions;
  readonly #buckets = new Map<string, { tokens: number; updatedMs: number }>();
  readonly #now: () => number;

  constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
    if (!(options.capacity > 0) || !(options.refillPerSecond > 0)) {
      throw new RangeError(
        `rateLimit needs a positive capacity and refillPerSecond; got ${JSON.stringify(options)}. Pass rateLimit: false to disable it.`,
      );
    }
    this.#options = options;
    this.#now = now;
  }

  /** Takes one token from the account's bucket; false when it is empty. */
  take(accountId: string): boolean {
    const nowMs = this.#now();
    const bucket = this.#buckets.get(accountId) ?? {
      tokens: this.#options.capacity,
      updatedMs: nowMs,
    };
    const refilled = ((nowMs - bucket.updatedMs) / 1000) * this.#options.refillPerSecond;
    bucket.tokens = Math.min(this.#options.capacity, bucket.tokens + refilled);
    bucket.updatedMs = nowMs;
    this.#buckets.set(accountId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  forget(accountId: string): void {
    this.#buckets.delete(accountId);
  }
}
