import { createRateLimiter, rateLimitError } from '../../src/security/rate-limit';

describe('per-caller rate limit', () => {
  it('allows a burst, then says how many seconds until the next request, then allows it', () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 2, perMinute: 3 }, () => clock);
    expect(limiter.take('ada')).toEqual({ ok: true });
    expect(limiter.take('ada')).toEqual({ ok: true });
    expect(limiter.take('ada')).toEqual({ ok: false, retryAfterSeconds: 20 });
    clock += 15_000;
    expect(limiter.take('ada')).toEqual({ ok: false, retryAfterSeconds: 5 });
    clock += 5_000;
    expect(limiter.take('ada')).toEqual({ ok: true });
  });

  it('keeps callers apart: one busy person does not block another', () => {
    const limiter = createRateLimiter({ burst: 1, perMinute: 1 }, () => 0);
    expect(limiter.take('ada').ok).toBe(true);
    expect(limiter.take('ada').ok).toBe(false);
    expect(limiter.take('bob').ok).toBe(true);
  });

  it('never refills above the burst size', () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 2, perMinute: 60 }, () => clock);
    clock += 3_600_000;
    expect([limiter.take('ada').ok, limiter.take('ada').ok, limiter.take('ada').ok]).toEqual([true, true, false]);
  });

  it('still answers correctly after thousands of callers', () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 1, perMinute: 60 }, () => clock);
    for (let i = 0; i < 6_000; i++) limiter.take(`caller-${i}`);
    clock += 1_000;
    expect(limiter.take('caller-1').ok).toBe(true);
    expect(limiter.take('caller-1').ok).toBe(false);
  });

  it('words the refusal with the wait in seconds', () => {
    const error = rateLimitError(12);
    expect(error.code).toBe('limit.rate');
    expect(error.userMessage).toBe(
      "You've asked for several syncs or checks across every environment in a short time, and each one calls Microsoft for many people. Try again in 12 s.",
    );
  });
});
