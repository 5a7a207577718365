import { AdaptiveLimiter } from '../../src/jobs/adaptive-limiter';
import { runWorkPool } from '../../src/jobs/work-pool';
import { FakeService } from './helpers/fake-service';
import { VirtualClock } from './helpers/virtual-clock';

interface Scenario {
  members: number;
  latencyMs: number;
  cap?: number;
  rps?: number;
  retryAfterMs?: number;
  max?: number;
}

async function syncThrough(clock: VirtualClock, service: FakeService, limiter: AdaptiveLimiter, members: number) {
  let handed = 0;
  let done = 0;
  await clock.run(() =>
    runWorkPool<number>({
      clock,
      limiter,
      next: () => {
        const batch = Array.from({ length: Math.min(200, members - handed) }, (_, i) => handed + i);
        handed += batch.length;
        return batch;
      },
      attempt: async (_item, permit) => {
        const result = await service.call(permit);
        if (result === 'throttled') return { kind: 'retry', atMs: clock.now() };
        done += 1;
        return { kind: 'done' };
      },
    }),
  );
  return { done, elapsedMs: clock.now() };
}

function setUp(s: Scenario) {
  const clock = new VirtualClock();
  const service = new FakeService(clock, { latencyMs: s.latencyMs, cap: s.cap, rps: s.rps, retryAfterMs: s.retryAfterMs ?? 1000 });
  const limiter = new AdaptiveLimiter({ minConcurrency: 2, maxConcurrency: s.max ?? 64, clock });
  return { clock, service, limiter };
}

describe('adaptive limiter against a service whose limit it is not told', () => {
  it.each([
    { members: 1000, latencyMs: 500, cap: 10 },
    { members: 10_000, latencyMs: 50, cap: 20 },
    { members: 100, latencyMs: 500, cap: 10 },
    { members: 1000, latencyMs: 500, cap: 10, retryAfterMs: 2000 },
    { members: 10_000, latencyMs: 50, cap: 20, retryAfterMs: 2000 },
  ])('when capped at $cap concurrent ($members × $latencyMs ms), then it finishes within 1.15× the theoretical minimum', async (s) => {
    const { clock, service, limiter } = setUp(s);
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, s.members);
    const minimum = Math.max((s.members * s.latencyMs) / s.cap, s.latencyMs);
    expect(done).toBe(s.members);
    expect(service.peak).toBeLessThanOrEqual(s.cap);
    expect(elapsedMs / minimum).toBeLessThanOrEqual(s.members >= 1000 ? 1.15 : 1.6); // 100 members: one Retry-After pause is a big share of 5 s
    expect(limiter.limit).toBeGreaterThanOrEqual(s.cap - 1);
  });

  it('when the service has a requests-per-second budget instead, then it settles at rate × latency in flight', async () => {
    const s = { members: 1000, latencyMs: 500, rps: 20 };
    const { clock, service, limiter } = setUp(s);
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, s.members);
    expect(done).toBe(1000);
    expect(elapsedMs / ((1000 / 20) * 1000)).toBeLessThanOrEqual(1.15);
  });

  it('when a 429 arrives, then no new request is sent until Retry-After has passed', async () => {
    const clock = new VirtualClock();
    const limiter = new AdaptiveLimiter({ minConcurrency: 4, maxConcurrency: 4, clock });
    const sentAt: number[] = [];
    await clock.run(async () => {
      const first = await limiter.acquire();
      first.throttled(3000);
      await Promise.all(
        [0, 1, 2].map(async () => {
          const permit = await limiter.acquire();
          sentAt.push(clock.now());
          permit.succeeded();
        }),
      );
    });
    expect(sentAt).toEqual([3000, 3000, 3000]);
  });

  it('when the service raises its limit mid-job, then the limiter finds the new level', async () => {
    const s = { members: 6000, latencyMs: 100, cap: 5 };
    const { clock, service, limiter } = setUp(s);
    void clock.sleep(10_000).then(() => (service.options = { ...service.options, cap: 15 }));
    const { done } = await syncThrough(clock, service, limiter, s.members);
    expect(done).toBe(6000);
    expect(service.peak).toBeGreaterThanOrEqual(14);
    expect(limiter.limit).toBeGreaterThanOrEqual(13);
  });

  it('never goes beyond its configured bounds', async () => {
    const clock = new VirtualClock();
    const service = new FakeService(clock, { latencyMs: 10, retryAfterMs: 1000 });
    const limiter = new AdaptiveLimiter({ minConcurrency: 2, maxConcurrency: 6, clock });
    await syncThrough(clock, service, limiter, 500);
    expect(service.peak).toBe(6);
    expect(() => new AdaptiveLimiter({ minConcurrency: 0, maxConcurrency: 6, clock })).toThrow(/bounds/);
  });
});
