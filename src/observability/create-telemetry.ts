import type { Logger } from 'pino';
import type { Config } from '../config';
import { appVersion } from '../http/health';
import { createOtlpTelemetry } from './otlp-telemetry';
import { noopTelemetry, type Telemetry } from './telemetry';

/** The OTLP exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set, else the no-op. */
export function createTelemetry(config: Pick<Config, 'telemetry'>, log: Logger, version = appVersion()): Telemetry {
  const settings = config.telemetry;
  if (!settings?.otlpEndpoint) return noopTelemetry;
  log.info({ serviceName: settings.serviceName }, 'exporting traces and metrics over OTLP/HTTP');
  return createOtlpTelemetry({ endpoint: settings.otlpEndpoint, serviceName: settings.serviceName, serviceVersion: version, log });
}
