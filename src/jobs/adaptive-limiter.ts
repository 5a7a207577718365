import { AdmissionMeter } from './admission-meter';
import type { Clock } from './clock';
import { RefusalGauge } from './refusal-gauge';
import { SendPacer } from './send-pacer';

export interface LimiterOptions {
  readonly minConcurrency: number;
  readonly maxConcurrency: number;
  /** Where slow start begins (clamped to the bounds). Default 8. */
  readonly initialConcurrency?: number;
  /** Calm time at a level before trying above it. */
  readonly probeIntervalMs?: number;
  /** Probing backs off (doubling) up to this after each failed probe. */
  readonly maxProbeIntervalMs?: number;
  /** A new 429 this soon after the last reaction means the level we settled on is still refused. */
  readonly repeatWindowMs?: number;
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
  /** Requests per second once the limiter paces sends; null while it only caps concurrency. */
  ratePerSecond: number | null;
}

type Phase = 'slow-start' | 'hold' | 'probing' | 'avoidance';

const RATE_STEP = 1.05;
const RATE_MARGIN = 0.95;
const WINDOW_CUTS_BEFORE_PACING = 2;
/** Refused still after the window came down to this share of where its cuts began: a budget. */
const BUDGET_CUT_FRACTION = 0.75;

/**
 * Finds and holds a service's admission limit without being told it (issue 5), whether the
 * service caps requests in flight or counts them over time:
 * - slow start from `initialConcurrency`: +1 per success (the window doubles each round trip);
 * - a 429 after a calm spell is an overshoot: the window drops to the requests the service was
 *   still admitting (those in flight), the refused request waits its own Retry-After, and the
 *   admitted ones carry on: under a concurrency cap nothing more is refused;
 * - 429s that go on through cuts of the window (see `budgetConcluded`) mean the service counts
 *   requests over time (a token bucket or a window): every caller waits Retry-After, then sends are
 *   paced at 95% of the rate the service admitted over the last second (never slower than
 *   `minConcurrency` requests per round trip);
 * - after a calm probe interval the window (or the rate, +5% a second) grows again; a probe that
 *   draws a 429 doubles the interval, so a raised limit is found and a fixed one is not hammered.
 */
export class AdaptiveLimiter {
  private limitValue: number;
  private phase: Phase = 'slow-start';
  private inFlight = 0;
  private pausedUntil = 0;
  private throttleEvents = 0;
  private noiseRefusalCount = 0;
  private lastReactionAt = Number.NEGATIVE_INFINITY;
  /** Reactions each within `repeatWindowMs` of the one before. */
  private cutsInARow = 0;
  /** When the current row of cuts began, and the window then. */
  private firstCut = { at: 0, window: 0 };
  /** Permits numbered from this one were granted after the last reaction. */
  private reactionSeq = 0;
  private nextSeq = 0;
  /** When the current level was reached (hold) or the probe started (probing). */
  private levelSince = 0;
  private lastRateStepAt = 0;
  /** The last dispatch stopped because of the pace (not the window, not an empty queue). */
  private heldByPacer = false;
  /** Successes at the current level (probing: proof it holds; avoidance: one round trip = `limit` successes). */
  private successesAtLevel = 0;
  private rttMs = Number.NaN;
  private probeIntervalMs: number;
  private readonly baseProbeMs: number;
  private readonly maxProbeMs: number;
  private readonly repeatWindowMs: number;
  private readonly meter = new AdmissionMeter();
  private readonly gauge = new RefusalGauge();
  private readonly pacer = new SendPacer();
  private readonly waiters: ((permit: Permit) => void)[] = [];
  private wakeAt = Number.POSITIVE_INFINITY;

  constructor(private readonly options: LimiterOptions) {
    if (options.minConcurrency < 1 || options.maxConcurrency < options.minConcurrency) {
      throw new Error(`Invalid concurrency bounds ${options.minConcurrency}..${options.maxConcurrency}`);
    }
    this.limitValue = this.clampWindow(options.initialConcurrency ?? 8);
    this.baseProbeMs = options.probeIntervalMs ?? 30_000;
    this.maxProbeMs = options.maxProbeIntervalMs ?? 240_000;
    this.repeatWindowMs = options.repeatWindowMs ?? 5_000;
    this.probeIntervalMs = this.baseProbeMs;
  }

  get limit(): number {
    return this.limitValue;
  }

  /** 429s taken for noise (the service refusing at random, whatever the load): nothing was cut for them. */
  get noiseRefusals(): number {
    return this.noiseRefusalCount;
  }

  snapshot(): LimiterSnapshot {
    return {
      limit: this.limitValue, inFlight: this.inFlight, throttleEvents: this.throttleEvents, pausedUntil: this.pausedUntil,
      ratePerSecond: this.pacer.rate === null ? null : Math.round(this.pacer.rate * 10) / 10,
    };
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
      this.scheduleWake(this.pausedUntil);
      return;
    }
    while (this.waiters.length > 0 && this.inFlight < this.limitValue) {
      const wait = this.pacer.waitMs(now);
      this.heldByPacer = wait > 0;
      if (wait > 0) {
        this.scheduleWake(now + wait);
        return;
      }
      const waiter = this.waiters.shift() as (permit: Permit) => void;
      this.inFlight += 1;
      this.pacer.take(now);
      this.meter.sent(now);
      waiter(this.createPermit(now, this.nextSeq++));
    }
  }

  private scheduleWake(at: number): void {
    if (at >= this.wakeAt) return;
    this.wakeAt = at;
    void this.options.clock.sleep(at - this.options.clock.now()).then(() => {
      if (this.wakeAt !== at) return;
      this.wakeAt = Number.POSITIVE_INFINITY;
      this.dispatch();
    });
  }

  private createPermit(sentAt: number, seq: number): Permit {
    let settled = false;
    const settle = (report: () => void): void => {
      if (settled) return;
      settled = true;
      this.inFlight -= 1;
      report();
      this.dispatch();
    };
    return {
      succeeded: () => settle(() => this.onSuccess(sentAt)),
      throttled: (retryAfterMs) => settle(() => this.onThrottle(sentAt, seq, retryAfterMs)),
      failed: () => settle(() => undefined),
    };
  }

  private onSuccess(sentAt: number): void {
    const now = this.options.clock.now();
    const rtt = now - sentAt;
    this.gauge.admitted();
    this.rttMs = Number.isNaN(this.rttMs) ? rtt : 0.8 * this.rttMs + 0.2 * rtt;
    if (this.pacer.rate !== null) {
      this.growRate(now);
      return;
    }
    if (this.waiters.length === 0 && this.inFlight + 1 < this.limitValue) return; // not limited by us: no signal
    this.successesAtLevel += 1;
    switch (this.phase) {
      case 'slow-start':
        this.raise(now);
        return;
      case 'hold':
        if (now - this.levelSince >= this.probeIntervalMs && this.raise(now)) this.startProbe();
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

  /**
   * Paced: after a calm probe interval, +5% a second while callers are waiting for the pacer, and
   * never beyond what the window could send (maxConcurrency per round trip).
   */
  private growRate(now: number): void {
    const rate = this.pacer.rate as number;
    if (!this.heldByPacer || this.waiters.length === 0 || now - this.levelSince < this.probeIntervalMs || now - this.lastRateStepAt < 1_000) return;
    if (this.phase === 'hold') this.startProbe();
    else if (this.phase === 'probing' && now - this.levelSince >= this.probeIntervalMs + 2_000) this.probeIntervalMs = this.baseProbeMs;
    this.pacer.setRate(Math.min(rate * RATE_STEP, (this.options.maxConcurrency * 1_000) / Math.max(1, this.rttMs)));
    this.lastRateStepAt = now;
  }

  private onThrottle(sentAt: number, seq: number, retryAfterMs: number): void {
    const now = this.options.clock.now();
    this.meter.refused(sentAt);
    if (seq < this.reactionSeq) {
      // Sent before we reacted: the same overshoot, so only keep to what is still admitted (paced, the window is not the limit).
      this.gauge.refusedByKnownLimit();
      if (this.pacer.rate === null) this.limitValue = this.clampWindow(Math.min(this.limitValue, this.inFlight));
      return;
    }
    if (this.gauge.refused() === 'noise') {
      // Only the refused request waits its Retry-After; the window, the pace and the calm spell stay as they are.
      this.noiseRefusalCount += 1;
      return;
    }
    this.throttleEvents += 1;
    if (this.phase === 'probing') this.probeIntervalMs = Math.min(this.maxProbeMs, this.probeIntervalMs * 2);
    const soon = now - this.lastReactionAt < this.repeatWindowMs;
    this.cutsInARow = soon ? this.cutsInARow + 1 : 1;
    if (this.cutsInARow === 1) this.firstCut = { at: now, window: this.limitValue };
    const repeated = soon && (this.pacer.rate !== null || this.budgetConcluded(now));
    // Counted from the end of the last Retry-After pause when that is less than a second ago (not over the pause).
    const admitted = RATE_MARGIN * this.meter.admittedPerSecond(now, this.pausedUntil <= now ? this.pausedUntil : Number.NEGATIVE_INFINITY);
    if (repeated) {
      this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, retryAfterMs));
      this.pacer.holdUntil(this.pausedUntil);
      this.pacer.setRate(Math.max(this.minimumRate(), this.pacer.rate === null ? admitted : Math.min(this.pacer.rate * RATE_MARGIN, admitted)));
      this.limitValue = this.options.maxConcurrency;
    } else if (this.pacer.rate !== null) {
      this.pacer.setRate(Math.max(this.minimumRate(), Math.min(this.pacer.rate, admitted)));
    } else {
      this.limitValue = this.clampWindow(Math.min(this.inFlight, this.limitValue - 1));
    }
    this.phase = 'hold';
    this.gauge.settle();
    this.levelSince = now;
    this.successesAtLevel = 0;
    this.lastReactionAt = now;
    this.reactionSeq = this.nextSeq;
  }

  /**
   * Window cuts that do not stop the refusals mean the service counts requests over time. But a cut
   * can leave the window above a concurrency cap: answers still on their way back count as in flight,
   * and through a busy event loop they come back in batches, so the sends after each batch reach the
   * service together. So a budget is concluded only after more than two cuts in a row, and only if
   * the window has come down by a quarter since they began (further than lagging answers leave it
   * above a cap), or the cuts came within one round trip (too fast for answers to lag behind them).
   */
  private budgetConcluded(now: number): boolean {
    if (this.cutsInARow <= WINDOW_CUTS_BEFORE_PACING) return false;
    return this.limitValue <= BUDGET_CUT_FRACTION * this.firstCut.window || now - this.firstCut.at < this.rttMs;
  }

  private startProbe(): void {
    this.phase = 'probing';
    this.gauge.startProbe();
  }

  /** Pacing never sends slower than `minConcurrency` requests per round trip (random 429s must not starve a job). */
  private minimumRate(): number {
    const rtt = Number.isNaN(this.rttMs) ? 1_000 : Math.max(1, this.rttMs);
    return (this.options.minConcurrency * 1_000) / rtt;
  }

  private clampWindow(value: number): number {
    return Math.max(this.options.minConcurrency, Math.min(this.options.maxConcurrency, value));
  }
}
