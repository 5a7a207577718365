import type { Permit } from '../../../src/jobs/adaptive-limiter';
import type { Clock } from '../../../src/jobs/clock';

/** A service that admits at most `cap` concurrent calls (or `rps` per second) and answers after `latencyMs`. */
export class FakeService {
  inFlight = 0;
  peak = 0;
  calls = 0;
  throttled = 0;
  private tokens: number;
  private lastRefill = 0;

  constructor(
    private readonly clock: Clock,
    public options: { latencyMs: number; cap?: number; rps?: number; retryAfterMs: number },
  ) {
    this.tokens = options.rps ?? 0;
  }

  async call(permit: Permit): Promise<'ok' | 'throttled'> {
    this.calls += 1;
    if (!this.admit()) {
      this.throttled += 1;
      permit.throttled(this.options.retryAfterMs);
      return 'throttled';
    }
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    await this.clock.sleep(this.options.latencyMs);
    this.inFlight -= 1;
    permit.succeeded();
    return 'ok';
  }

  private admit(): boolean {
    const { cap, rps } = this.options;
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
