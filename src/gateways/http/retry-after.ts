import { backoffDelay } from '../../backoff';
import type { RetryPolicy } from './request-event';

/** Retry-After as delta-seconds or an HTTP-date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The service's Retry-After when given, else the shared exponential back-off with jitter (`attempt` counts from 0). */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  return backoffDelay(attempt + 1, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, random });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
