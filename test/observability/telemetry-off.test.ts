import pino from 'pino';
import { composeApp } from '../../src/app/compose';
import type { Turn } from '../../src/app/turn';
import { loadConfig } from '../../src/config';
import { noopTelemetry, type Telemetry } from '../../src/observability/telemetry';
import { createTestBot } from '../helpers/bot-harness';
import { ADMIN } from '../security/helpers/watch';

const NO_LATENCY = { graph: { latencyMs: 0, jitterMs: 0 }, bap: { latencyMs: 0, jitterMs: 0 }, dataverse: { latencyMs: 0, jitterMs: 0 } };

describe('OpenTelemetry, off by default', () => {
  it('when OTEL_EXPORTER_OTLP_ENDPOINT is not set, then the app runs with the no-op telemetry', async () => {
    const bot = await createTestBot();
    try {
      expect(bot.app.config.telemetry).toEqual({ otlpEndpoint: null, serviceName: 'dataverse-access-bot' });
      expect(bot.deps.telemetry).toBe(noopTelemetry);
      expect(noopTelemetry.startSpan('command a')).toBe(noopTelemetry.startSpan('command b'));
    } finally {
      await bot.close();
    }
  });

  it('when telemetry is disabled, then commands and outbound calls never call it', async () => {
    const calls: string[] = [];
    const spy: Telemetry = {
      enabled: false,
      startSpan: (name) => (calls.push(name), { end: () => void calls.push('end') }),
      count: (name) => void calls.push(name),
      recordDuration: (name) => void calls.push(name),
      flush: async () => undefined,
      shutdown: async () => undefined,
    };
    const config = loadConfig({ DATA_SOURCE: 'simulated', STORE_PATH: ':memory:' });
    const app = await composeApp(config, { log: pino({ level: 'silent' }), telemetry: spy, simulator: { config: NO_LATENCY } });
    try {
      const said: string[] = [];
      const turn: Turn = {
        caller: { aadObjectId: ADMIN.aadObjectId, name: ADMIN.name },
        conversationKey: 'c',
        log: app.deps.log,
        reply: async (text) => void said.push(text),
        replyCard: async (card) => (said.push(JSON.stringify(card.content)), { conversationKey: 'c', activityId: '1' }),
        updateCard: async () => undefined,
        typing: async () => undefined,
      };
      await app.router.handleText(turn, 'environments');
      expect(said.join()).toContain('Contoso Production');
      expect(app.simulated?.running?.stats().requests.bap).toBeGreaterThan(0);
      expect(calls).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('when the endpoint is not an http(s) URL, then the configuration error names the key and nothing starts', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL, got "collector:4318"/);
  });

  it('when the endpoint and a service name are set, then they are read (trailing slash removed)', () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/', OTEL_SERVICE_NAME: 'access-bot-prod' });
    expect(config.telemetry).toEqual({ otlpEndpoint: 'http://otel-collector:4318', serviceName: 'access-bot-prod' });
  });
});
