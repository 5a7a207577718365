import type { Clock } from '../../../src/jobs/clock';

/**
 * Discrete-event time for tests: sleeps resolve in time order, and time jumps to the next timer
 * as soon as every pending promise is waiting on one. `run(fn)` drives a whole job in virtual time.
 * Work that waits on something other than promises (bytes on a socket) says so through `busy`:
 * time stands still while it returns true.
 */
export class VirtualClock implements Clock {
  private current = 0;
  private sequence = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];

  /**
   * @param minSleepMs like Node's setTimeout, no timer fires sooner than this (1 to mimic Node).
   * @param busy true while work is under way outside promises (e.g. HTTP requests on the wire).
   */
  constructor(private readonly minSleepMs = 0, private readonly busy: () => boolean = () => false) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      const timer = {
        at: this.current + Math.max(this.minSleepMs, ms),
        seq: this.sequence++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    let finished = false;
    const promise = work().finally(() => {
      finished = true;
    });
    promise.catch(() => undefined);
    while (!finished) {
      await this.quiet();
      if (finished) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('Deadlock: nothing left to wait for, but the work has not finished');
      this.current = Math.max(this.current, next.at);
      next.resolve();
    }
    return promise;
  }

  /** Until every pending promise waits on a timer and nothing is busy. Busy waits yield to I/O for real (a 0 ms timer). */
  private async quiet(): Promise<void> {
    await settle();
    while (this.busy()) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      await settle();
    }
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
