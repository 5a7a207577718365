import type { Logger } from 'pino';
import type { Config } from '../config';
import { appVersion } from '../http/health';
import { noopTelemetry, type Telemetry } from './telemetry';

/**
 * Telemetry as configured: Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING, plus OTLP when an
 * endpoint is set too), OTLP/HTTP (OTEL_EXPORTER_OTLP_*ENDPOINT), or the no-op. The SDK and the
 * exporters are loaded only when used, so with telemetry off start-up loads none of them.
 */
export async function createTelemetry(config: Pick<Config, 'telemetry'>, log: Logger, version = appVersion()): Promise<Telemetry> {
  const settings = config.telemetry;
  if (!settings) return noopTelemetry;
  const { otlp, azureMonitorConnectionString: connectionString, serviceName } = settings;
  if (connectionString !== null) {
    const { startAzureMonitor } = await import('./azure-monitor');
    log.info({ serviceName, alsoOtlp: otlp !== null }, 'exporting traces and metrics to Azure Monitor (Application Insights)');
    return startAzureMonitor({ connectionString, serviceName, serviceVersion: version, otlp });
  }
  if (otlp === null) return noopTelemetry;
  const { startOtlp } = await import('./otlp-pipeline');
  log.info({ serviceName }, 'exporting traces and metrics over OTLP/HTTP');
  return startOtlp({ ...otlp, serviceName, serviceVersion: version }, log);
}
