import { AdaptiveLimiter } from '../../src/jobs/adaptive-limiter';
import { FakeService, type FakeServiceOptions } from './helpers/fake-service';
import { syncThrough } from './helpers/sync-through';
import { VirtualClock } from './helpers/virtual-clock';

/** The fake service's settings (Retry-After 1 s unless set) and the limiter's maximum (64 unless set). */
type Setting = Omit<FakeServiceOptions, 'retryAfterMs'> & { retryAfterMs?: number; max?: number };

function setUp({ max = 64, retryAfterMs = 1000, ...service }: Setting) {
  const clock = new VirtualClock();
  const limiter = new AdaptiveLimiter({ minConcurrency: 2, maxConcurrency: max, clock });
  return { clock, service: new FakeService(clock, { ...service, retryAfterMs }), limiter };
}

describe('adaptive limiter against a service whose limit it is not told', () => {
  // The bench's conditions: latency ±10%, Retry-After 2 s (the simulator's default).
  it.each([
    { members: 100, latencyMs: 450, jitterMs: 100, cap: 10 },
    { members: 1000, latencyMs: 450, jitterMs: 100, cap: 10 },
    { members: 10_000, latencyMs: 45, jitterMs: 10, cap: 20 },
    { members: 1000, latencyMs: 45, jitterMs: 10, cap: 20 },
  ])('when capped at $cap concurrent ($members × $latencyMs ms), then it finishes within 1.15× the theoretical minimum', async (s) => {
    const { clock, service, limiter } = setUp({ latencyMs: s.latencyMs, jitterMs: s.jitterMs, cap: s.cap, retryAfterMs: 2000 });
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, s.members);
    const minimum = (s.members * (s.latencyMs + s.jitterMs / 2)) / s.cap;
    expect(done).toBe(s.members);
    expect(service.peak).toBeLessThanOrEqual(s.cap);
    expect(elapsedMs / minimum).toBeLessThanOrEqual(1.15);
    expect(limiter.limit).toBe(s.cap);
  });

  // Each a concurrency cap seen through a delay that leaves window cuts above it, so that its 429s go on through cuts the
  // way a budget's do. Taken for a budget, everyone would pause Retry-After and then be paced: the job would take far
  // longer (the batched case: 5.77 s paced, 4.14 s held by the window). `minimumMs` is the job at the cap through that delay.
  it.each([
    { delay: 'refusals come back as slowly as answers', service: { latencyMs: 5, cap: 50, retryAfterMs: 200, refusalLatencyMs: 5 }, members: 20_000, minimumMs: 2_000, bound: 1.15 },
    // The seed comparison's job: pausing everyone 2 s would double this 2.5 s job.
    ...[1, 2, 5].map((lagMs) => ({ delay: `answers reach it up to ${lagMs} ms late (a busy event loop)`, service: { latencyMs: 45, jitterMs: 10, cap: 20, retryAfterMs: 2000, answerLagMs: lagMs }, members: 1000, minimumMs: 2_500, bound: 1.1 })),
    // The scale bench's conditions through an event loop that drains answers in batches: a window of 50 waits 10 ms a round
    // trip (5 ms of latency, then the next batch). A window of 52 draws two 429s a batch here, which the noise gauge tolerates.
    { delay: 'answers come back in batches every 5 ms (a busy event loop)', service: { latencyMs: 5, cap: 50, retryAfterMs: 200, answerBatchMs: 5 }, members: 20_000, minimumMs: 4_000, bound: 1.25 },
  ])('when $delay, then a cap of $service.cap is held by the window, not taken for a budget', async ({ service: settings, members, minimumMs, bound }) => {
    const { clock, service, limiter } = setUp(settings);
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, members);
    expect(done).toBe(members);
    expect(limiter.snapshot().ratePerSecond).toBeNull();
    expect(elapsedMs / minimumMs).toBeLessThanOrEqual(bound);
  });

  it('when paced faster than timers fire, then it still sends at the paced rate', async () => {
    const clock = new VirtualClock(1);
    // 3,000 requests/s with 10 ms answers: the limiter learns the budget, then spaces sends a third of a millisecond apart.
    const service = new FakeService(clock, { latencyMs: 10, rps: 3000, retryAfterMs: 1000 });
    const limiter = new AdaptiveLimiter({ minConcurrency: 2, maxConcurrency: 256, clock });
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, 30_000);
    expect(done).toBe(30_000);
    expect(limiter.snapshot().ratePerSecond).not.toBeNull();
    expect(elapsedMs / 10_000).toBeLessThanOrEqual(1.3);
  });

  it('when the service has a requests-per-second budget instead, then it paces at that rate within 1.15× the minimum', async () => {
    const { clock, service, limiter } = setUp({ latencyMs: 450, jitterMs: 100, rps: 20, retryAfterMs: 2000 });
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, 1000);
    expect(done).toBe(1000);
    expect(elapsedMs / ((1000 / 20) * 1000)).toBeLessThanOrEqual(1.15);
    expect(service.throttled).toBeLessThan(30);
    expect(limiter.snapshot().ratePerSecond).toBeGreaterThanOrEqual(18);
  });

  it('when a burst of 429s marks a concurrency cap, then the admitted requests carry on and the window drops to them', async () => {
    const clock = new VirtualClock();
    const limiter = new AdaptiveLimiter({ minConcurrency: 1, maxConcurrency: 8, initialConcurrency: 6, clock });
    const sentAt: number[] = [];
    await clock.run(async () => {
      const permits = await Promise.all([0, 1, 2, 3, 4, 5].map(() => limiter.acquire()));
      const admitted = permits.slice(0, 3);
      // A cap of 3 refuses the other three at once: one refusal could be noise, three in a row with nothing admitted are not.
      permits.slice(3).forEach((p) => p.throttled(3000));
      expect(limiter.limit).toBe(3);
      expect(limiter.noiseRefusals).toBe(2);
      const next = limiter.acquire().then((permit) => {
        sentAt.push(clock.now());
        permit.succeeded();
      });
      await clock.sleep(100);
      admitted[0]?.succeeded();
      await next;
      admitted.slice(1).forEach((p) => p.succeeded());
    });
    expect(sentAt).toEqual([100]); // as soon as an admitted request finished, not after Retry-After
  });

  it('when 429 bursts repeat at the level it settled on, then nobody sends until Retry-After has passed, and sends are paced after', async () => {
    const clock = new VirtualClock();
    const limiter = new AdaptiveLimiter({ minConcurrency: 1, maxConcurrency: 8, initialConcurrency: 4, clock });
    const sentAt: number[] = [];
    const refuseInTurn = async (times: number, retryAfterMs: number): Promise<void> => {
      for (let i = 0; i < times; i += 1) (await limiter.acquire()).throttled(retryAfterMs);
    };
    await clock.run(async () => {
      await refuseInTurn(3, 1000); // the first burst: the window drops
      await refuseInTurn(3, 1000); // another at once: the window drops again (one cut can leave it a request above a cap)
      expect(limiter.snapshot().ratePerSecond).toBeNull();
      await refuseInTurn(3, 3000); // and a third: a budget over time
      await Promise.all(
        [0, 1, 2].map(async () => {
          const permit = await limiter.acquire();
          sentAt.push(clock.now());
          permit.succeeded();
        }),
      );
    });
    expect(sentAt[0]).toBe(3000);
    expect(sentAt[2]).toBeGreaterThan(3000); // spaced, not a burst after the pause
    expect(limiter.snapshot().ratePerSecond).not.toBeNull();
  });

  it('when 429s come at random rather than from a limit, then it never sends slower than minConcurrency per round trip', async () => {
    const clock = new VirtualClock();
    const service = new FakeService(clock, { latencyMs: 100, retryAfterMs: 0, refuseEvery: 10 });
    const limiter = new AdaptiveLimiter({ minConcurrency: 4, maxConcurrency: 16, clock });
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, 1000);
    expect(done).toBe(1000);
    expect(service.throttled).toBeGreaterThan(90);
    expect(elapsedMs).toBeLessThanOrEqual(((1000 * 100) / 4) * 1.2);
  });

  it('when a per-second budget is raised mid-job, then the paced rate follows it up, and never beyond what the window can send', async () => {
    const { clock, service, limiter } = setUp({ latencyMs: 450, rps: 20, retryAfterMs: 2000, refusalLatencyMs: 50 });
    void clock.sleep(30_000).then(() => (service.options = { ...service.options, rps: 100 }));
    const { done, elapsedMs } = await syncThrough(clock, service, limiter, 20_000);
    expect(done).toBe(20_000);
    // 600 at 20/s, then 19,400 at 100/s: 224 s if the new budget were known at once.
    expect(elapsedMs).toBeLessThanOrEqual(330_000);
    expect(limiter.snapshot().ratePerSecond).toBeGreaterThanOrEqual(80);
    expect(limiter.snapshot().ratePerSecond).toBeLessThanOrEqual((64 * 1000) / 450);
  });

  it('when the service raises its limit mid-job, then the limiter finds the new level', async () => {
    const { clock, service, limiter } = setUp({ latencyMs: 100, cap: 5 });
    void clock.sleep(10_000).then(() => (service.options = { ...service.options, cap: 15 }));
    const { done } = await syncThrough(clock, service, limiter, 6000);
    expect(done).toBe(6000);
    expect(service.peak).toBeGreaterThanOrEqual(14);
    expect(limiter.limit).toBeGreaterThanOrEqual(13);
  });

  it('never goes beyond its configured bounds', async () => {
    const { clock, service, limiter } = setUp({ latencyMs: 10, max: 6 });
    await syncThrough(clock, service, limiter, 500);
    expect(service.peak).toBe(6);
    expect(() => new AdaptiveLimiter({ minConcurrency: 0, maxConcurrency: 6, clock })).toThrow(/bounds/);
  });
});
