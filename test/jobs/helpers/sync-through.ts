import { backoffDelay } from '../../../src/backoff';
import type { AdaptiveLimiter } from '../../../src/jobs/adaptive-limiter';
import { runWorkPool } from '../../../src/jobs/work-pool';
import type { FakeService } from './fake-service';
import type { VirtualClock } from './virtual-clock';

/**
 * Adds `members` through the limiter against the fake service in virtual time, as a job does: a
 * 429 waits its Retry-After, a 503 backs off (0.5 s doubling, as the job's retry policy), and each
 * member counts once when it is finally admitted.
 */
export async function syncThrough(clock: VirtualClock, service: FakeService, limiter: AdaptiveLimiter, members: number): Promise<{ done: number; elapsedMs: number }> {
  let handed = 0;
  let done = 0;
  const unavailable = new Map<number, number>();
  await clock.run(() =>
    runWorkPool<number>({
      clock,
      limiter,
      next: () => {
        const batch = Array.from({ length: Math.min(200, members - handed) }, (_, i) => handed + i);
        handed += batch.length;
        return batch;
      },
      attempt: async (item, permit) => {
        const result = await service.call(permit);
        if (result === 'throttled') return { kind: 'retry', atMs: clock.now() + service.options.retryAfterMs };
        if (result === 'unavailable') {
          const failures = (unavailable.get(item) ?? 0) + 1;
          unavailable.set(item, failures);
          return { kind: 'retry', atMs: clock.now() + backoffDelay(failures, { baseMs: 500, maxMs: 15_000, random: () => 0.5 }) };
        }
        done += 1;
        return { kind: 'done' };
      },
    }),
  );
  return { done, elapsedMs: clock.now() };
}
