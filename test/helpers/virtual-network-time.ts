import type { SimClock } from '../../src/sim/clock';
import { VirtualClock } from '../jobs/helpers/virtual-clock';

/**
 * One virtual time for the bot's code (a job engine's Clock) and the in-process simulator (its
 * SimClock), over real HTTP. Time stands still while a request is on the wire (sent through
 * `fetch` and not yet fully answered, and not waiting out its simulated latency), and jumps to the
 * next timer only when every request is parked in its latency or answered. So how fast the CPU
 * moves bytes changes nothing either side sees: the simulator's token buckets and concurrency
 * caps, latencies, Retry-After pauses and the limiter's pacing all run on the same clock.
 * Drive the work with `clock.run(...)`; give the gateways `fetch`.
 */
export class VirtualNetworkTime {
  readonly clock = new VirtualClock(1, () => this.onWire > this.parked);
  /** Requests sent through `fetch` whose answer has not been read to the end. */
  private onWire = 0;
  /** Of those, the ones the simulator holds in their latency (they wait on the clock, not on the wire). */
  private parked = 0;

  readonly simClock: SimClock = {
    now: () => this.clock.now(),
    delay: async (ms) => {
      this.parked += 1;
      try {
        await this.clock.sleep(ms);
      } finally {
        this.parked -= 1;
      }
    },
    schedule: (delayMs, fn) => {
      const cancel = new AbortController();
      void this.clock.sleep(delayMs, cancel.signal).then(() => {
        if (!cancel.signal.aborted) fn();
      });
      return () => cancel.abort();
    },
  };

  /** The global fetch, counted; the body is read before the answer is handed over, so "answered" means all of it arrived. */
  readonly fetch: typeof fetch = async (input, init) => {
    this.onWire += 1;
    try {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      const { status, statusText, headers } = response;
      return new Response(NULL_BODY_STATUS.has(status) ? null : body, { status, statusText, headers });
    } finally {
      this.onWire -= 1;
    }
  };
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);
