import type { Logger } from 'pino';
import type { AuthFailure } from './bot-token';

export interface AuthFailureLogOptions {
  /** Lines logged one by one per window; the rest are counted into one summary line. */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * One structured line per refused request (the reason and the path: never the token or who sent it), no
 * stack. When many arrive (a scan, a misconfigured proxy), only the first `perWindow` of a window
 * are logged one by one; the others are counted, and one summary line per window says how many
 * by reason, written when the next refusal comes after the window (or at close).
 */
export class AuthFailureLog {
  private windowStart = Number.NEGATIVE_INFINITY;
  private logged = 0;
  private suppressed = new Map<AuthFailure, number>();
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly log: Logger, options: AuthFailureLogOptions = {}) {
    this.perWindow = options.perWindow ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  refused(reason: AuthFailure, request: { path: string }): void {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.flush();
      this.windowStart = now;
      this.logged = 0;
    }
    if (this.logged < this.perWindow) {
      this.logged += 1;
      this.log.warn({ auth: { reason, path: request.path } }, 'refused a request that failed Bot Framework authentication');
      return;
    }
    this.suppressed.set(reason, (this.suppressed.get(reason) ?? 0) + 1);
  }

  /** Writes the summary of the refusals not logged one by one, if any. */
  flush(): void {
    if (this.suppressed.size === 0) return;
    const byReason = Object.fromEntries(this.suppressed);
    const count = [...this.suppressed.values()].reduce((a, b) => a + b, 0);
    this.suppressed = new Map();
    this.log.warn({ auth: { suppressed: count, byReason, windowSeconds: this.windowMs / 1000 } }, `refused ${count} more requests that failed Bot Framework authentication (not logged one by one)`);
  }
}
