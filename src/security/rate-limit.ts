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
  take(key: string): Promise<RateDecision>;
}

/** A bucket as stored: tokens left at `updatedAt`. */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Where buckets live. `swap` is a compare-and-set: it replaces `expected` (null: no bucket yet) by
 * `next` only if the stored bucket is still `expected`, and says whether it did. Every instance
 * sharing one store therefore draws from the same bucket, and two instances never spend one token twice.
 */
export interface BucketStore {
  get(key: string): Promise<Bucket | null>;
  swap(key: string, expected: Bucket | null, next: Bucket): Promise<boolean>;
  /** Forgets buckets untouched since `before` (full again by then, so they carry no information). */
  prune(before: number): Promise<void>;
}

/** Lost compare-and-set races before giving up and refusing (only under a burst from one caller on several instances). */
const MAX_RACES = 20;
const PRUNE_EVERY_MS = 10 * 60_000;

export function createRateLimiter(settings: RateLimitSettings, now: () => number, buckets: BucketStore): RateLimiter {
  const perMs = settings.perMinute / 60_000;
  /** After this long untouched a bucket is full whatever it held. */
  const refillMs = perMs > 0 ? settings.burst / perMs : Number.POSITIVE_INFINITY;
  let prunedAt = now();

  const refill = (bucket: Bucket | null, at: number): number =>
    bucket === null ? settings.burst : Math.min(settings.burst, bucket.tokens + Math.max(0, at - bucket.updatedAt) * perMs);

  return {
    async take(key) {
      const at = now();
      if (at - prunedAt >= PRUNE_EVERY_MS && Number.isFinite(refillMs)) {
        prunedAt = at;
        await buckets.prune(at - refillMs);
      }
      for (let race = 0; race < MAX_RACES; race += 1) {
        const stored = await buckets.get(key);
        const tokens = refill(stored, at);
        if (tokens < 1) {
          if (perMs <= 0) return { ok: false, retryAfterSeconds: Number.POSITIVE_INFINITY };
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
        }
        if (await buckets.swap(key, stored, { tokens: tokens - 1, updatedAt: Math.max(at, stored?.updatedAt ?? at) })) return { ok: true };
      }
      return { ok: false, retryAfterSeconds: 1 };
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
