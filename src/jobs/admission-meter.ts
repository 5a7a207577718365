/**
 * How many requests the service admitted in the last second, counted by send time: every send,
 * minus the ones that came back 429. Requests still in flight count as admitted, because both
 * kinds of limit refuse at arrival (microsoft-apis.md §3.6: "the concurrency limit errors immediately").
 */
export class AdmissionMeter {
  private readonly sends: TimeWindow;
  private readonly refusals: TimeWindow;

  constructor(private readonly windowMs = 1_000) {
    this.sends = new TimeWindow(windowMs);
    this.refusals = new TimeWindow(windowMs);
  }

  private firstSentAt = Number.NaN;

  sent(at: number): void {
    if (Number.isNaN(this.firstSentAt)) this.firstSentAt = at;
    this.sends.add(at);
  }

  refused(sentAt: number): void {
    this.refusals.add(sentAt);
  }

  /**
   * Over the last second, or since the first send or since `resumedAt` when that is sooner (a job's
   * first second is not a full one, and a second that began in a Retry-After pause sent nothing for
   * part of it: counted over the whole second, the rate after a pause looked half what it was).
   */
  admittedPerSecond(now: number, resumedAt = Number.NEGATIVE_INFINITY): number {
    const admitted = this.sends.countAfter(now - this.windowMs) - this.refusals.countAfter(now - this.windowMs);
    const spanMs = Math.max(1, Math.min(this.windowMs, now - this.firstSentAt, now - resumedAt));
    return (Math.max(0, admitted) * 1_000) / spanMs;
  }
}

/** Recent timestamps only: anything older than the window before the newest one is dropped as it goes. */
class TimeWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  add(at: number): void {
    this.times.push(at);
    while (this.head < this.times.length && (this.times[this.head] as number) < at - this.windowMs) this.head += 1;
    if (this.head > 1_024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Exact count (refusals arrive slightly out of send order). */
  countAfter(from: number): number {
    let count = 0;
    for (let i = this.head; i < this.times.length; i += 1) if ((this.times[i] as number) > from) count += 1;
    return count;
  }
}
