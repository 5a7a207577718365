import type { RunningSimulator } from '../../src/sim/server';
import { IDS, ManualClock, startSmall, tokenFor } from './helpers';

let sim: RunningSimulator;
/** Latency waits hold until the test releases them, and token buckets refill only when the test advances time. */
let clock: ManualClock;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  clock = new ManualClock();
  sim = await startSmall(undefined, clock);
  tokens.graph = await tokenFor(sim, 'https://graph.microsoft.com');
  tokens.bap = await tokenFor(sim, 'https://service.powerapps.com/');
  tokens.dataverse = await tokenFor(sim, sim.urls.dataverse('fabtest').replace(/\/$/, ''));
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.origin}/_sim/stats`, { method: 'DELETE' });
});
afterEach(() => {
  const quiet = { latencyMs: 0, jitterMs: 0, maxConcurrent: 0, requestsPerSecond: 0, random429Rate: 0, random503Rate: 0, retryAfterSeconds: 2 };
  sim.setConfig({ graph: quiet, bap: quiet, dataverse: { ...quiet, maxConcurrent: 52 } });
});

const URLS = {
  graph: () => `${sim.urls.graph}/v1.0/users/${IDS.jan}?$select=id`,
  bap: () => `${sim.urls.bap}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2020-10-01`,
  dataverse: () => `${sim.urls.dataverse('fabtest')}api/data/v9.2/systemusers?$select=systemuserid`,
};
type Api = keyof typeof URLS;
const call = (api: Api): Promise<Response> => fetch(URLS[api](), { headers: { authorization: `Bearer ${tokens[api]}` } });
const postConfig = (body: unknown): Promise<Response> =>
  fetch(`${sim.origin}/_sim/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('concurrency cap', () => {
  it.each([
    ['graph', { error: { code: 'TooManyRequests', message: 'Too many requests', innerError: expect.any(Object) } }],
    ['dataverse', { error: { code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 2.' } }],
    ['bap', { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded. Try again in 3 seconds.' } }],
  ] as const)('%s: requests beyond maxConcurrent get 429 + Retry-After at once, with the service body', async (api, expected) => {
    sim.setConfig({ [api]: { maxConcurrent: 2, latencyMs: 400, retryAfterSeconds: 3 } });
    const waitsBefore = clock.waits.length;
    const calls = Array.from({ length: 5 }, async () => {
      const res = await call(api);
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json().catch(() => undefined)) as unknown };
    });
    // The two admitted requests are held in their latency until released, so the three 429s must come back first.
    const throttled = await firstSettled(calls, 3);
    expect(clock.waits.length - waitsBefore).toBe(2);
    expect(clock.waits.slice(waitsBefore).map((w) => w.ms)).toEqual([400, 400]);
    expect(sim.stats().inFlight[api]).toBe(2);
    for (const r of throttled) {
      expect(r.status).toBe(429);
      expect(r.retryAfter).toBe('3');
      expect(r.body).toEqual(expected);
    }
    clock.releaseAll();
    const all = await Promise.all(calls);
    expect(all.filter((r) => r.status === 429)).toHaveLength(3);
    expect(all.filter((r) => r.status === 200)).toHaveLength(2);
    const stats = sim.stats();
    expect(stats.throttled429[api]).toBe(3);
    expect(stats.peakConcurrency[api]).toBe(2);
    expect(stats.inFlight[api]).toBe(0);
  });
});

describe('requests-per-second budget', () => {
  it('graph: a burst beyond the budget is throttled, and the budget refills', async () => {
    sim.setConfig({ graph: { requestsPerSecond: 10 } });
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await call('graph')).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await call('graph')).status).toBe(429);
    clock.advance(250);
    expect((await call('graph')).status).toBe(200);
    expect((await call('graph')).status).toBe(200);
    expect((await call('graph')).status).toBe(429);
  });

  it('dataverse: the rate body is 0x80072322 with the configured budget over 300 s', async () => {
    sim.setConfig({ dataverse: { requestsPerSecond: 1, retryAfterSeconds: 5 } });
    expect((await call('dataverse')).status).not.toBe(429);
    const res = await call('dataverse');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 300 over time window of 300 seconds.' } });
  });
});

describe('random faults', () => {
  it('random503Rate 1 → every request is a 503 with Retry-After; counted in stats', async () => {
    sim.setConfig({ graph: { random503Rate: 1 } });
    const res = await call('graph');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('serviceNotAvailable');
    expect(sim.stats().unavailable503.graph).toBe(1);
  });

  it('random429Rate 0.3 throttles roughly that share, repeatably for a seed', async () => {
    const run = async (): Promise<number[]> => {
      sim.setConfig({ seed: 42, graph: { random429Rate: 0.3 } });
      const out: number[] = [];
      for (let i = 0; i < 200; i += 1) out.push((await call('graph')).status);
      sim.setConfig({ seed: 1 });
      return out;
    };
    const a = await run();
    const share = a.filter((s) => s === 429).length / a.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    expect(await run()).toEqual(a);
  });
});

describe('latency, stats and runtime config', () => {
  it('applies latency to admitted requests only when configured at runtime through POST /_sim/config', async () => {
    const waitsBefore = clock.waits.length;
    expect((await call('graph')).status).toBe(200);
    expect(clock.waits.length).toBe(waitsBefore);
    const res = await postConfig({ graph: { latencyMs: 120 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { graph: { latencyMs: number } }).graph.latencyMs).toBe(120);
    let answered = false;
    const slow = call('graph').then((r) => {
      answered = true;
      return r.status;
    });
    await clock.waitsBegun(waitsBefore + 1);
    expect(clock.waits.at(-1)?.ms).toBe(120);
    expect(answered).toBe(false);
    clock.releaseAll();
    expect(await slow).toBe(200);
  });

  it('an invalid config patch → 400 listing every problem, and nothing changes', async () => {
    const before = await (await fetch(`${sim.origin}/_sim/config`)).json();
    const res = await postConfig({ graph: { latencyMs: -1, maxConcurrent: 1.5 }, bogus: true, unverified: { noDataverseStatus: 500 } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { problems: string[] } };
    expect(body.error.problems).toEqual(
      expect.arrayContaining([
        '/graph/latencyMs: must be a number between 0 and 600000',
        '/graph/maxConcurrent: must be an integer between 0 and 1000000',
        '/bogus: unknown setting',
        '/unverified/noDataverseStatus: must be 400 or 404',
      ]),
    );
    expect(await (await fetch(`${sim.origin}/_sim/config`)).json()).toEqual(before);
  });

  it('stats count requests by surface and route template', async () => {
    await call('graph');
    await call('graph');
    await fetch(`${sim.urls.graph}/v1.0/users/jan.kowalski@fabrikam.test`, { headers: { authorization: `Bearer ${tokens.graph}` } });
    await call('dataverse');
    await tokenFor(sim, 'https://graph.microsoft.com');
    const stats = (await (await fetch(`${sim.origin}/_sim/stats`)).json()) as { requests: Record<string, number>; routes: Record<string, Record<string, number>> };
    expect(stats.requests).toMatchObject({ graph: 3, dataverse: 1, token: 1, bap: 0 });
    expect(stats.routes.graph).toEqual({ 'GET /v1.0/users/{id}': 3 });
    expect(stats.routes.dataverse).toEqual({ 'GET /{org}/api/data/v9.2/systemusers': 1 });
    expect(stats.routes.token).toEqual({ 'POST /{tenant}/oauth2/v2.0/token': 1 });
  });
});

/** The first `count` results in the order they arrive (the rest keep running). */
function firstSettled<T>(promises: Promise<T>[], count: number): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const arrived: T[] = [];
    for (const promise of promises) {
      promise.then((value) => {
        arrived.push(value);
        if (arrived.length === count) resolve([...arrived]);
      }, reject);
    }
  });
}
