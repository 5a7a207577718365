import { setTimeout as sleep } from 'node:timers/promises';

/** The simulator's time: rate-limit refills, latency waits and scheduled work (tests inject their own). */
export interface SimClock {
  /** Milliseconds on the clock the rate limits' token buckets refill by. */
  now(): number;
  /** Waits out one admitted request's simulated latency. */
  delay(ms: number): Promise<void>;
  /** Runs `fn` after `delayMs` (never synchronously); the returned function cancels it if it has not run yet. */
  schedule(delayMs: number, fn: () => void): () => void;
}

export const realClock: SimClock = {
  now: () => Date.now(),
  delay: (ms) => sleep(ms),
  schedule(delayMs, fn) {
    const timer = setTimeout(fn, delayMs);
    return () => clearTimeout(timer);
  },
};
