import type { Clock } from './clock';

export interface LimiterOptions {
  readonly minConcurrency: number;
  readonly maxConcurrency: number;
  /** First wait before trying one request above the level known to be admitted. */
  readonly probeIntervalMs?: number;
  /** Probing backs off (doubling) up to this after each failed probe. */
  readonly maxProbeIntervalMs?: number;
  readonly clock: Clock;
}

/** One admitted slot. Exactly one of the three reports must be called. */
export interface Permit {
  succeeded(): void;
  throttled(retryAfterMs: number): void;
  /** Finished without telling us anything about admission (5xx, timeout, business error). */
  failed(): void;
}

export interface LimiterSnapshot {
  limit: number;
  inFlight: number;
  throttleEvents: number;
  pausedUntil: number;
}

/**
 * Finds and holds a service's admission limit without being told it (issue 5): slow start
 * (+1 per success, so the limit doubles each round trip) until the first 429; on a 429 the limit
 * drops to the number of requests the service was still admitting, and every caller waits for
 * Retry-After. From then on the limit stays at that level, and only occasionally tries one more
 * (a probe); a probe that draws a 429 doubles the wait before the next one, a probe that holds
 * keeps the new level and halves the wait, so a raised limit is found quickly. Requests-per-second budgets are handled too: in flight = rate × latency.
 */
export class AdaptiveLimiter {
  private limitValue: number;
  /** Lowest level that drew a 429 (Infinity until the first one). */
  private ceiling = Number.POSITIVE_INFINITY;
  private inFlight = 0;
  private pausedUntil = 0;
  private throttleEvents = 0;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastRaiseAt = 0;
  private probeIntervalMs: number;
  private readonly baseProbeMs: number;
  private readonly maxProbeMs: number;
  private readonly waiters: ((permit: Permit) => void)[] = [];
  private wakeScheduled = false;

  constructor(private readonly options: LimiterOptions) {
    if (options.minConcurrency < 1 || options.maxConcurrency < options.minConcurrency) {
      throw new Error(`Invalid concurrency bounds ${options.minConcurrency}..${options.maxConcurrency}`);
    }
    this.limitValue = options.minConcurrency;
    this.baseProbeMs = options.probeIntervalMs ?? 10_000;
    this.maxProbeMs = options.maxProbeIntervalMs ?? 120_000;
    this.probeIntervalMs = this.baseProbeMs;
  }

  get limit(): number {
    return this.limitValue;
  }

  snapshot(): LimiterSnapshot {
    return { limit: this.limitValue, inFlight: this.inFlight, throttleEvents: this.throttleEvents, pausedUntil: this.pausedUntil };
  }

  acquire(): Promise<Permit> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.dispatch();
    });
  }

  private dispatch(): void {
    const now = this.options.clock.now();
    if (now < this.pausedUntil) {
      this.scheduleWake(this.pausedUntil - now);
      return;
    }
    while (this.waiters.length > 0 && this.inFlight < this.limitValue) {
      const waiter = this.waiters.shift() as (permit: Permit) => void;
      this.inFlight += 1;
      waiter(this.createPermit(now));
    }
  }

  private scheduleWake(ms: number): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    void this.options.clock.sleep(ms).then(() => {
      this.wakeScheduled = false;
      this.dispatch();
    });
  }

  private createPermit(sentAt: number): Permit {
    let settled = false;
    const settle = (report: () => void): void => {
      if (settled) return;
      settled = true;
      this.inFlight -= 1;
      report();
      this.dispatch();
    };
    return {
      succeeded: () => settle(() => this.onSuccess()),
      throttled: (retryAfterMs) => settle(() => this.onThrottle(sentAt, retryAfterMs)),
      failed: () => settle(() => undefined),
    };
  }

  private onSuccess(): void {
    const now = this.options.clock.now();
    if (this.waiters.length === 0 && this.inFlight + 1 < this.limitValue) return; // not limited by us: no signal
    if (this.limitValue + 1 < this.ceiling) {
      this.raise(now);
      return;
    }
    if (now - Math.max(this.lastThrottleAt, this.lastRaiseAt) >= this.probeIntervalMs) {
      // The previous level held for a whole interval: it is admitted. Try one more.
      if (this.lastRaiseAt > this.lastThrottleAt) this.probeIntervalMs = Math.max(this.baseProbeMs / 8, this.probeIntervalMs / 2);
      this.ceiling = this.limitValue + 2;
      this.raise(now);
    }
  }

  private raise(now: number): void {
    if (this.limitValue >= this.options.maxConcurrency) return;
    this.limitValue += 1;
    this.lastRaiseAt = now;
  }

  private onThrottle(sentAt: number, retryAfterMs: number): void {
    const now = this.options.clock.now();
    const sameEpisode = sentAt < this.lastThrottleAt;
    // The requests still in flight are the ones the service admitted; a new episode always costs one level.
    const admitted = Math.max(this.options.minConcurrency, Math.min(this.inFlight, sameEpisode ? this.limitValue : this.limitValue - 1));
    if (!sameEpisode) {
      this.throttleEvents += 1;
      this.ceiling = this.limitValue;
      if (this.lastRaiseAt > this.lastThrottleAt && this.lastThrottleAt > Number.NEGATIVE_INFINITY) {
        this.probeIntervalMs = Math.min(this.maxProbeMs, this.probeIntervalMs * 2);
      }
    }
    this.limitValue = Math.min(this.limitValue, admitted);
    this.ceiling = Math.min(this.ceiling, this.limitValue + 1);
    this.lastThrottleAt = now;
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, retryAfterMs));
  }
}
