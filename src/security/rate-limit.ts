/**
 * Per-caller token buckets for expensive commands (syncs, checks across every environment):
 * each caller may start `burst` of them at once and earns one more every 60/perMinute seconds.
 */
import { AppError } from '../errors';

export interface RateLimitSettings {
  /** Requests a caller may make back to back. */
  readonly burst: number;
  /** Sustained rate: tokens added per minute. */
  readonly perMinute: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token from the caller's bucket, or says how long until one is available. */
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets that have refilled completely carry no information; drop them when the map grows. */
const PRUNE_ABOVE = 5_000;

export function createRateLimiter(settings: RateLimitSettings, now: () => number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = settings.perMinute / 60_000;

  function refill(bucket: Bucket, at: number): void {
    bucket.tokens = Math.min(settings.burst, bucket.tokens + (at - bucket.updatedAt) * perMs);
    bucket.updatedAt = at;
  }

  function prune(at: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= settings.burst) buckets.delete(key);
    }
  }

  return {
    take(key) {
      const at = now();
      if (buckets.size > PRUNE_ABOVE) prune(at);
      const bucket = buckets.get(key) ?? { tokens: settings.burst, updatedAt: at };
      buckets.set(key, bucket);
      refill(bucket, at);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      if (perMs <= 0) return { ok: false, retryAfterSeconds: Number.POSITIVE_INFINITY };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}

export function rateLimitError(retryAfterSeconds: number): AppError {
  const wait = Number.isFinite(retryAfterSeconds) ? `Try again in ${retryAfterSeconds} s.` : 'This is turned off by configuration.';
  return new AppError(
    'limit.rate',
    `You've asked for several syncs or checks across every environment in a short time, and each one calls Microsoft for many people. ${wait}`,
  );
}
