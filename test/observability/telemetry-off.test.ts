import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { ProxyTracerProvider } from '@opentelemetry/api';
import { composeApp } from '../../src/app/compose';
import { loadConfig } from '../../src/config';
import { noopTelemetry, type Telemetry } from '../../src/observability/telemetry';
import { createTestBot } from '../helpers/bot-harness';
import { ADMIN, HELPDESK } from '../security/helpers/watch';
import { recordingTurn } from './recording-turn';

const NO_LATENCY = { graph: { latencyMs: 0, jitterMs: 0 }, bap: { latencyMs: 0, jitterMs: 0 }, dataverse: { latencyMs: 0, jitterMs: 0 } };
const REPO = resolve(__dirname, '..', '..');

/** The OpenTelemetry and Azure Monitor packages loaded once the real bot listens, in its own process. */
async function packagesLoadedAtStart(env: Record<string, string>): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/observability/loaded-modules.ts', JSON.stringify(env)], { cwd: REPO, timeout: 150_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('OpenTelemetry, off by default', () => {
  it('when no exporter is configured, then the app runs with the no-op telemetry and nothing reaches Microsoft or the logs about traces', async () => {
    const bot = await createTestBot({ captureLogs: true });
    try {
      expect(bot.app.config.telemetry).toEqual({ otlp: null, azureMonitorConnectionString: null, serviceName: 'dataverse-access-bot' });
      expect(bot.deps.telemetry).toBe(noopTelemetry);
      await bot.send('check Jane Doe in UAT', { from: HELPDESK });
      const { traceContext, requests } = bot.sim.stats();
      expect(requests.graph + requests.dataverse).toBeGreaterThan(0);
      expect([traceContext.graph.withTraceparent, traceContext.bap.withTraceparent, traceContext.dataverse.withTraceparent]).toEqual([0, 0, 0]);
      expect(bot.logs.length).toBeGreaterThan(0);
      expect(bot.logs.filter((line) => 'trace_id' in line)).toEqual([]);
    } finally {
      await bot.close();
    }
  });

  it('when telemetry is off, then neither the SDK nor any exporter is loaded at start-up; with OTLP on, they are', async () => {
    const [off, on] = await Promise.all([packagesLoadedAtStart({}), packagesLoadedAtStart({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })]);
    expect(off).toEqual(['@opentelemetry/api']);
    expect(on).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-metrics', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/exporter-metrics-otlp-http']));
    expect(on.filter((name) => name.startsWith('@azure/'))).toEqual([]);
  }, 200_000);

  it('when telemetry is disabled, then commands and outbound calls never call it', async () => {
    const calls: string[] = [];
    const tracer = new ProxyTracerProvider().getTracer('spy');
    const spy: Telemetry = {
      enabled: false,
      get tracer() {
        calls.push('tracer');
        return tracer;
      },
      count: (name) => void calls.push(name),
      recordDuration: (name) => void calls.push(name),
      observe: (name) => (calls.push(name), () => undefined),
      flush: async () => undefined,
      shutdown: async () => undefined,
    };
    const config = loadConfig({ DATA_SOURCE: 'simulated', STORE_PATH: ':memory:' });
    const app = await composeApp(config, { log: pino({ level: 'silent' }), telemetry: spy, simulator: { config: NO_LATENCY } });
    try {
      const { turn, said } = recordingTurn(app.deps.log, ADMIN);
      await app.router.handleText(turn, 'environments');
      await app.startBackgroundWork();
      expect(said.join()).toContain('Contoso Production');
      expect(app.simulated?.running?.stats().requests.bap).toBeGreaterThan(0);
      expect(calls).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('telemetry configuration', () => {
  it('when OTEL_EXPORTER_OTLP_ENDPOINT is set, then traces and metrics go to its /v1/traces and /v1/metrics (trailing slash removed)', () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/', OTEL_SERVICE_NAME: 'access-bot-prod' });
    expect(config.telemetry).toEqual({
      otlp: { tracesUrl: 'http://otel-collector:4318/v1/traces', metricsUrl: 'http://otel-collector:4318/v1/metrics' },
      azureMonitorConnectionString: null,
      serviceName: 'access-bot-prod',
    });
  });

  it("when only a signal's own endpoint is set, then it is used verbatim and the other signal goes to the SDK's default", () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.contoso.com/otlp/traces' }).telemetry?.otlp).toEqual({
      tracesUrl: 'https://collector.contoso.com/otlp/traces',
      metricsUrl: 'http://localhost:4318/v1/metrics',
    });
  });

  it('when APPLICATIONINSIGHTS_CONNECTION_STRING is set, then it is read; a malformed one is refused without repeating it', () => {
    const good = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: good }).telemetry).toMatchObject({ azureMonitorConnectionString: good, otlp: null });
    let message = '';
    try {
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'not-a-connection-string-s3cr3t' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING must be the connection string');
    expect(message).not.toContain('s3cr3t');
  });

  it('when OTEL_SDK_DISABLED is true, then nothing is exported whatever else is set', () => {
    const config = loadConfig({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=x' });
    expect(config.telemetry).toMatchObject({ otlp: null, azureMonitorConnectionString: null });
  });

  it('when the endpoint is not an http(s) URL, then the configuration error names the key and nothing starts', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL, got "collector:4318"/);
  });
});
