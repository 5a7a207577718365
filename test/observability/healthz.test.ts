import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/http/start-bot';
import { latestMetrics, spansIn, startOtlpReceiver, type OtlpReceiver } from './otlp-receiver';

const NO_LATENCY = { graph: { latencyMs: 0, jitterMs: 0 }, bap: { latencyMs: 0, jitterMs: 0 }, dataverse: { latencyMs: 0, jitterMs: 0 } };

describe('GET /healthz with telemetry on', () => {
  let receiver: OtlpReceiver;
  let bot: RunningBot;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const config = { ...loadConfig({ DATA_SOURCE: 'simulated', STORE_PATH: ':memory:', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }), port: 0 };
    bot = await startBot(config, { log: pino({ level: 'silent' }), simulator: { config: NO_LATENCY } });
  });

  afterAll(async () => {
    await bot.close();
    await receiver.close();
  });

  it('when it is polled 200 times, then it calls no Microsoft service, records no span or count, and answers in milliseconds', async () => {
    const sim = bot.app.simulated?.running;
    const before = sim?.stats().requests;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const response = await fetch(`${bot.server.url}/healthz`);
      expect(response.status).toBe(200);
      await response.json();
      times.push(performance.now() - started);
    }
    await bot.app.deps.telemetry?.flush();
    expect(sim?.stats().requests).toEqual(before);
    // No span, no counter: only the job engine's gauges, which are read at every export anyway.
    expect(spansIn(receiver.requests)).toEqual([]);
    expect([...latestMetrics(receiver.requests).keys()].filter((name) => !name.startsWith('sync.limiter.') && name !== 'sync.jobs.active')).toEqual([]);
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.95)]).toBeLessThan(50);
  });
});
