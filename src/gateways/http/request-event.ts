import type { RequestIds } from './request-ids';

export type GatewaySurface = 'graph' | 'bap' | 'powerApps' | 'dataverse';

/** One HTTP attempt (retries are separate events). status 0 = no response (timeout or network error). */
export interface RequestEvent {
  surface: GatewaySurface;
  method: string;
  url: string;
  /** The URL as a route template without ids or query (`users/{id}/memberOf`): safe to log and export. */
  operation: string;
  /** 0 for the first attempt of a call, 1 for its first retry, … */
  attempt: number;
  status: number;
  durationMs: number;
  throttled: boolean;
  /** The service's ids for this attempt (for Microsoft support); empty when there was no response. */
  requestIds: RequestIds;
}

export type OnRequest = (event: RequestEvent) => void;

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First back-off when the service gives no Retry-After; doubles per attempt, with jitter. */
  baseDelayMs: number;
  /** Upper bound for any wait, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 };
export const DEFAULT_TIMEOUT_MS = 30_000;
