import { memoryStore } from '../helpers/stores';
import { storedBuckets } from '../../src/store/rate-buckets';
import { createRateLimiter, rateLimitError } from '../../src/security/rate-limit';

describe('per-caller rate limit', () => {
  it('allows a burst, then says how many seconds until the next request, then allows it', async () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 2, perMinute: 3 }, () => clock, storedBuckets((await memoryStore()).db));
    expect(await limiter.take('ada')).toEqual({ ok: true });
    expect(await limiter.take('ada')).toEqual({ ok: true });
    expect(await limiter.take('ada')).toEqual({ ok: false, retryAfterSeconds: 20 });
    clock += 15_000;
    expect(await limiter.take('ada')).toEqual({ ok: false, retryAfterSeconds: 5 });
    clock += 5_000;
    expect(await limiter.take('ada')).toEqual({ ok: true });
  });

  it('keeps callers apart: one busy person does not block another', async () => {
    const limiter = createRateLimiter({ burst: 1, perMinute: 1 }, () => 0, storedBuckets((await memoryStore()).db));
    expect((await limiter.take('ada')).ok).toBe(true);
    expect((await limiter.take('ada')).ok).toBe(false);
    expect((await limiter.take('bob')).ok).toBe(true);
  });

  it('never refills above the burst size', async () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 2, perMinute: 60 }, () => clock, storedBuckets((await memoryStore()).db));
    clock += 3_600_000;
    expect([(await limiter.take('ada')).ok, (await limiter.take('ada')).ok, (await limiter.take('ada')).ok]).toEqual([true, true, false]);
  });

  it('still answers correctly after thousands of callers', async () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 1, perMinute: 60 }, () => clock, storedBuckets((await memoryStore()).db));
    for (let i = 0; i < 6_000; i++) await limiter.take(`caller-${i}`);
    clock += 1_000;
    expect((await limiter.take('caller-1')).ok).toBe(true);
    expect((await limiter.take('caller-1')).ok).toBe(false);
  });

  it('words the refusal with the wait in seconds', async () => {
    const error = rateLimitError(12);
    expect(error.code).toBe('limit.rate');
    expect(error.userMessage).toBe(
      "You've asked for several syncs or checks across every environment in a short time, and each one calls Microsoft for many people. Try again in 12 s.",
    );
  });
});
