/**
 * Spaces sends evenly at a rate, once the limiter has learnt that the service counts requests over
 * time rather than at once. Off (no spacing) until a rate is set.
 */
export class SendPacer {
  private perSecond: number | null = null;
  private nextAt = Number.NEGATIVE_INFINITY;

  /**
   * @param catchUpMs how far sends that fell behind may catch up. Above 1,000 sends a second, timers
   *   fire no faster than every millisecond, so strict spacing would cap the rate at the timer's.
   *   Below that, a send at most this late (a timer fired late, a busy event loop) keeps the schedule,
   *   so the next ones may go in the same turn rather than each on a timer of its own and the rate
   *   set is the rate sent; a send later than that (the lane was idle) starts a new schedule.
   */
  constructor(private readonly minPerSecond = 1, private readonly catchUpMs = 4) {}

  get rate(): number | null {
    return this.perSecond;
  }

  setRate(perSecond: number): void {
    this.perSecond = Math.max(this.minPerSecond, perSecond);
  }

  /** How long the next send must wait; 0 = it may go now. */
  waitMs(now: number): number {
    return this.perSecond === null ? 0 : Math.max(0, this.nextAt - now);
  }

  /** Nothing goes before `at` (a Retry-After pause), and no backlog is caught up after it. */
  holdUntil(at: number): void {
    this.nextAt = Math.max(this.nextAt, at);
  }

  /** Records a send made now (call only when waitMs(now) is 0). */
  take(now: number): void {
    if (this.perSecond === null) return;
    const interval = 1_000 / this.perSecond;
    if (interval < 1) this.nextAt = Math.max(now - this.catchUpMs, this.nextAt) + interval;
    else this.nextAt = (now - this.nextAt <= this.catchUpMs ? this.nextAt : now) + interval;
  }
}
