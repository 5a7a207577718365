import type { Permit } from '../../../src/jobs/adaptive-limiter';
import type { Clock } from '../../../src/jobs/clock';

/** What the fake service can be told; `random429Rate`/`random503Rate` refuse at random, whatever the load (answered at once, as the simulator does). */
export interface FakeServiceOptions {
  latencyMs: number;
  jitterMs?: number;
  cap?: number;
  rps?: number;
  retryAfterMs: number;
  refuseEvery?: number;
  refusalLatencyMs?: number;
  random429Rate?: number;
  random503Rate?: number;
  /** Answers (refusals too) reach the caller up to this long after the service gave them, as through a busy event loop. */
  answerLagMs?: number;
  /** Answers (refusals too) reach the caller only at multiples of this, together, as when a busy event loop drains what queued up. */
  answerBatchMs?: number;
}

/**
 * A service that admits at most `cap` concurrent calls (or `rps` per second, a token bucket holding
 * one second's budget, as the simulator does) and answers after `latencyMs` plus up to `jitterMs`.
 */
export class FakeService {
  inFlight = 0;
  peak = 0;
  calls = 0;
  throttled = 0;
  /** Of `throttled`, the ones refused at random (noise), not by the cap or the budget. */
  randomThrottled = 0;
  unavailable = 0;
  private tokens: number;
  private lastRefill = 0;
  /** Deterministic, so a scenario's timing is the same on every run; faults draw from their own sequence, so latencies stay what they were without them. */
  private readonly random = mulberry32(42);
  private readonly faultRandom = mulberry32(7);

  constructor(
    private readonly clock: Clock,
    public options: FakeServiceOptions,
  ) {
    this.tokens = options.rps ?? 0;
  }

  async call(permit: Permit): Promise<'ok' | 'throttled' | 'unavailable'> {
    this.calls += 1;
    const admission = this.admit();
    if (admission === 'unavailable') {
      this.unavailable += 1;
      permit.failed();
      return 'unavailable';
    }
    if (admission !== 'ok') {
      this.throttled += 1;
      if (admission === 'random') this.randomThrottled += 1;
      if (this.options.refusalLatencyMs) await this.clock.sleep(this.options.refusalLatencyMs);
      await this.lag();
      permit.throttled(this.options.retryAfterMs);
      return 'throttled';
    }
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    await this.clock.sleep(this.options.latencyMs + (this.options.jitterMs ?? 0) * this.random());
    this.inFlight -= 1;
    await this.lag();
    permit.succeeded();
    return 'ok';
  }

  private async lag(): Promise<void> {
    if (this.options.answerLagMs) await this.clock.sleep(this.options.answerLagMs * this.faultRandom());
    const batch = this.options.answerBatchMs;
    if (batch) await this.clock.sleep(batch - (this.clock.now() % batch));
  }

  /** In the simulator's order: the cap, the budget, then random faults. */
  private admit(): 'ok' | 'limit' | 'random' | 'unavailable' {
    const { cap, rps, refuseEvery, random429Rate, random503Rate } = this.options;
    if (refuseEvery !== undefined && this.calls % refuseEvery === 0) return 'random';
    if (cap !== undefined && this.inFlight >= cap) return 'limit';
    if (rps !== undefined) {
      const now = this.clock.now();
      this.tokens = Math.min(rps, this.tokens + ((now - this.lastRefill) / 1000) * rps);
      this.lastRefill = now;
      if (this.tokens < 1) return 'limit';
      this.tokens -= 1;
    }
    if (random429Rate !== undefined && this.faultRandom() < random429Rate) return 'random';
    if (random503Rate !== undefined && this.faultRandom() < random503Rate) return 'unavailable';
    return 'ok';
  }

}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
