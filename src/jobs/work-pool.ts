import type { AdaptiveLimiter, Permit } from './adaptive-limiter';
import type { Clock } from './clock';

/** What a handler decided for one item after one attempt. */
export type AttemptResult = { kind: 'done' } | { kind: 'retry'; atMs: number };

export interface WorkPoolOptions<T> {
  /** Next batch of items, or an empty array when there are no more. Called only when the pool runs low. */
  next(): Promise<T[]> | T[];
  /** One attempt; must report to the permit exactly once. */
  attempt(item: T, permit: Permit): Promise<AttemptResult>;
  limiter: AdaptiveLimiter;
  clock: Clock;
  /** Stop taking new items (cancel / shutdown); in-flight attempts finish. */
  shouldStop?(): boolean;
}

/**
 * Runs items through the limiter: as many attempts in flight as the limiter admits, retries
 * (due ones first) ahead of new items, more items pulled from `next()` only when needed, so a
 * 50,000-member job never holds more than a few batches in memory.
 */
export async function runWorkPool<T>(options: WorkPoolOptions<T>): Promise<void> {
  const { clock, limiter } = options;
  let fresh: T[] = [];
  let sourceDone = false;
  const retries: { atMs: number; item: T }[] = [];
  let inFlight = 0;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const waitForSignal = (): Promise<void> => new Promise((resolve) => (wake = resolve));

  const takeReady = async (): Promise<T | undefined> => {
    const now = clock.now();
    const dueIndex = retries.findIndex((r) => r.atMs <= now);
    if (dueIndex >= 0) return retries.splice(dueIndex, 1)[0]?.item;
    if (fresh.length === 0 && !sourceDone) {
      fresh = (await options.next()).reverse();
      if (fresh.length === 0) sourceDone = true;
    }
    return fresh.pop();
  };

  for (;;) {
    if (failure) break;
    const stopping = options.shouldStop?.() ?? false;
    const item = stopping ? undefined : await takeReady();
    if (item === undefined) {
      if (inFlight === 0 && (stopping || (sourceDone && retries.length === 0))) break;
      const nextRetry = retries.reduce((min, r) => Math.min(min, r.atMs), Number.POSITIVE_INFINITY);
      const waiting = waitForSignal();
      const timer = new AbortController();
      if (Number.isFinite(nextRetry)) void clock.sleep(nextRetry - clock.now(), timer.signal).then(signal);
      await waiting;
      timer.abort();
      continue;
    }
    const permit = await limiter.acquire();
    inFlight += 1;
    void options
      .attempt(item, permit)
      .then((result) => {
        if (result.kind === 'retry') retries.push({ atMs: result.atMs, item });
      })
      .catch((error: unknown) => {
        permit.failed();
        failure = failure ?? error;
      })
      .finally(() => {
        inFlight -= 1;
        signal();
      });
  }
  while (inFlight > 0) await waitForSignal();
  if (failure) throw failure;
}
