export type GatewaySurface = 'graph' | 'bap' | 'dataverse';

/** One HTTP attempt (retries are separate events). status 0 = no response (timeout or network error). */
export interface RequestEvent {
  surface: GatewaySurface;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  throttled: boolean;
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
