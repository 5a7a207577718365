import type { SurfaceLimits } from './types';

export type Admission = { ok: true } | { ok: false; status: 429; reason: 'concurrency' | 'rate' | 'random' } | { ok: false; status: 503 };

/**
 * One surface's admission control: concurrency cap, token bucket (burst = one second's budget),
 * then random faults. Decided when the request arrives, so a rejected request holds no slot.
 */
export class SurfaceLimiter {
  inFlight = 0;
  peak = 0;
  private tokens = Number.NaN;
  private refilledAt = 0;

  constructor(private readonly random: () => number) {}

  admit(limits: SurfaceLimits, now: number, options: { holdsSlot: boolean }): Admission {
    if (options.holdsSlot && limits.maxConcurrent > 0 && this.inFlight >= limits.maxConcurrent) {
      return { ok: false, status: 429, reason: 'concurrency' };
    }
    if (limits.requestsPerSecond > 0 && !this.takeToken(limits.requestsPerSecond, now)) {
      return { ok: false, status: 429, reason: 'rate' };
    }
    if (limits.random429Rate > 0 && this.random() < limits.random429Rate) return { ok: false, status: 429, reason: 'random' };
    if (limits.random503Rate > 0 && this.random() < limits.random503Rate) return { ok: false, status: 503 };
    if (options.holdsSlot) {
      this.inFlight += 1;
      if (this.inFlight > this.peak) this.peak = this.inFlight;
    }
    return { ok: true };
  }

  release(): void {
    this.inFlight -= 1;
  }

  /** Forget bucket state (after a config change the new budget starts full). */
  resetBucket(): void {
    this.tokens = Number.NaN;
  }

  private takeToken(rps: number, now: number): boolean {
    if (Number.isNaN(this.tokens)) {
      this.tokens = rps;
      this.refilledAt = now;
    }
    this.tokens = Math.min(rps, this.tokens + ((now - this.refilledAt) / 1000) * rps);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export function jitteredLatency(limits: SurfaceLimits, random: () => number): number {
  return limits.latencyMs + (limits.jitterMs > 0 ? random() * limits.jitterMs : 0);
}
