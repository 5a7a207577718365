import type { AddUserOutcome } from '../gateways/types';
import { backoffDelay } from '../backoff';

export interface RetryPolicy {
  /** Retries of timeouts / 5xx per member (config.sync.maxRetries). */
  maxRetries: number;
  /** 0 = off; else keep retrying `userNotLicensed` this long after the member's first attempt. */
  licenceWaitMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** 429s are the limiter's business, but a member is not retried forever. */
  maxThrottles: number;
  random?: () => number;
}

export interface MemberAttempts {
  attempts: number;
  transientFailures: number;
  throttles: number;
  firstAttemptAt: number;
}

export type Decision =
  | { kind: 'final'; state: 'synced' | 'failed'; reason: string | null; detail: string | null }
  | { kind: 'retry'; atMs: number };

/** Reason codes of our own, next to BAP's inner codes (userNotLicensed, …). */
export const REASON_UNAVAILABLE = 'serviceUnavailable';
export const REASON_THROTTLED = 'throttled';
const LICENCE_RETRY_MS = { baseMs: 5_000, maxMs: 30_000 };

/** What to do with a member after one addUser attempt (counters already include it). */
export function decideAfterAttempt(outcome: AddUserOutcome, m: MemberAttempts, policy: RetryPolicy, now: number): Decision {
  if (outcome.ok) return { kind: 'final', state: 'synced', reason: null, detail: null };
  switch (outcome.kind) {
    case 'throttled':
      if (m.throttles > policy.maxThrottles) {
        return { kind: 'final', state: 'failed', reason: REASON_THROTTLED, detail: `The service kept answering "too many requests" (${m.throttles} times).` };
      }
      return { kind: 'retry', atMs: now + outcome.retryAfterMs };
    case 'transient':
      if (m.transientFailures > policy.maxRetries) {
        return {
          kind: 'final', state: 'failed', reason: REASON_UNAVAILABLE,
          detail: `The Power Platform admin service did not answer properly (HTTP ${outcome.status}: ${outcome.detail}) after ${m.attempts} tries.`,
        };
      }
      return { kind: 'retry', atMs: now + backoffDelay(m.transientFailures, { baseMs: policy.baseBackoffMs, maxMs: policy.maxBackoffMs, random: policy.random }) };
    case 'rejected': {
      const waitedMs = now - m.firstAttemptAt;
      if (outcome.code === 'userNotLicensed' && waitedMs < policy.licenceWaitMs) {
        const delay = backoffDelay(m.attempts, { ...LICENCE_RETRY_MS, random: policy.random });
        return { kind: 'retry', atMs: now + Math.min(delay, policy.licenceWaitMs - waitedMs) };
      }
      return { kind: 'final', state: 'failed', reason: outcome.code, detail: outcome.description };
    }
  }
}
