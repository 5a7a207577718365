import type { Permit } from '../../../src/jobs/adaptive-limiter';
import type { Clock } from '../../../src/jobs/clock';

/**
 * A service that admits at most `cap` concurrent calls (or `rps` per second, a token bucket holding
 * one second's budget, as the simulator does) and answers after `latencyMs` plus up to `jitterMs`.
 */
export class FakeService {
  inFlight = 0;
  peak = 0;
  calls = 0;
  throttled = 0;
  private tokens: number;
  private lastRefill = 0;
  private seed = 42;

  constructor(
    private readonly clock: Clock,
    public options: { latencyMs: number; jitterMs?: number; cap?: number; rps?: number; retryAfterMs: number; refuseEvery?: number; refusalLatencyMs?: number },
  ) {
    this.tokens = options.rps ?? 0;
  }

  async call(permit: Permit): Promise<'ok' | 'throttled'> {
    this.calls += 1;
    if (!this.admit()) {
      this.throttled += 1;
      if (this.options.refusalLatencyMs) await this.clock.sleep(this.options.refusalLatencyMs);
      permit.throttled(this.options.retryAfterMs);
      return 'throttled';
    }
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    await this.clock.sleep(this.options.latencyMs + (this.options.jitterMs ?? 0) * this.random());
    this.inFlight -= 1;
    permit.succeeded();
    return 'ok';
  }

  /** Deterministic (mulberry32), so a scenario's timing is the same on every run. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private admit(): boolean {
    const { cap, rps, refuseEvery } = this.options;
    if (refuseEvery !== undefined && this.calls % refuseEvery === 0) return false;
    if (cap !== undefined && this.inFlight >= cap) return false;
    if (rps !== undefined) {
      const now = this.clock.now();
      this.tokens = Math.min(rps, this.tokens + ((now - this.lastRefill) / 1000) * rps);
      this.lastRefill = now;
      if (this.tokens < 1) return false;
      this.tokens -= 1;
    }
    return true;
  }
}
