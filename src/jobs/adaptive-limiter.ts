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

type Phase = 'slow-start' | 'hold' | 'probing' | 'avoidance';

/**
 * Finds and holds a service's admission limit without being told it (issue 5):
 * - slow start: +1 per success (the limit doubles each round trip) until the first 429;
 * - on a 429 the limit drops to the number of requests the service was still admitting, and every
 *   caller waits for Retry-After; the level is then held;
 * - after holding for the probe interval, one more request is allowed (a probe). A probe that
 *   draws a 429 doubles the interval; one that holds for two round trips means the service raised
 *   its limit, so the limit grows again by one per round trip until the next 429.
 * Requests-per-second budgets work the same way: in flight = rate × latency.
 */
export class AdaptiveLimiter {
  private limitValue: number;
  private phase: Phase = 'slow-start';
  private inFlight = 0;
  private pausedUntil = 0;
  private throttleEvents = 0;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  /** When the current level was reached (hold) or the probe started (probing). */
  private levelSince = 0;
  /** Successes at the current level (probing: proof it holds; avoidance: one round trip = `limit` successes). */
  private successesAtLevel = 0;
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
    this.baseProbeMs = options.probeIntervalMs ?? 30_000;
    this.maxProbeMs = options.maxProbeIntervalMs ?? 240_000;
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
    this.successesAtLevel += 1;
    switch (this.phase) {
      case 'slow-start':
        this.raise(now);
        return;
      case 'hold':
        if (now - this.levelSince >= this.probeIntervalMs && this.raise(now)) this.phase = 'probing';
        return;
      case 'probing':
        if (this.successesAtLevel >= 2 * this.limitValue) {
          this.probeIntervalMs = this.baseProbeMs;
          this.phase = 'avoidance';
          this.raise(now);
        }
        return;
      case 'avoidance':
        if (this.successesAtLevel >= this.limitValue) this.raise(now);
    }
  }

  private raise(now: number): boolean {
    if (this.limitValue >= this.options.maxConcurrency) return false;
    this.limitValue += 1;
    this.levelSince = now;
    this.successesAtLevel = 0;
    return true;
  }

  private onThrottle(sentAt: number, retryAfterMs: number): void {
    const now = this.options.clock.now();
    const sameEpisode = sentAt < this.lastThrottleAt;
    // The requests still in flight are the ones the service admitted; a new episode always costs one level.
    const admitted = Math.max(this.options.minConcurrency, Math.min(this.inFlight, sameEpisode ? this.limitValue : this.limitValue - 1));
    if (!sameEpisode) {
      this.throttleEvents += 1;
      if (this.phase === 'probing') this.probeIntervalMs = Math.min(this.maxProbeMs, this.probeIntervalMs * 2);
    }
    this.phase = 'hold';
    this.limitValue = Math.min(this.limitValue, admitted);
    this.levelSince = now;
    this.successesAtLevel = 0;
    this.lastThrottleAt = now;
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, retryAfterMs));
  }
}
