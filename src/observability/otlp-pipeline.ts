import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Logger } from 'pino';
import { startSdkPipeline } from './sdk-pipeline';
import type { Telemetry } from './telemetry';

export interface OtlpSettings {
  /** Where traces and metrics go (OTEL_EXPORTER_OTLP_*_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, /v1/metrics). */
  tracesUrl: string;
  metricsUrl: string;
  serviceName: string;
  serviceVersion: string;
}

/**
 * The OTLP/HTTP exporters (loaded only when configured). The URLs come from the configuration;
 * every other standard variable (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _COMPRESSION, metric
 * temporality, …) is read by the exporters themselves. They retry 429/502/503/504 with back-off.
 */
export function startOtlp(settings: OtlpSettings, log: Logger): Telemetry {
  return startSdkPipeline({
    serviceName: settings.serviceName,
    serviceVersion: settings.serviceVersion,
    spanExporter: new OTLPTraceExporter({ url: settings.tracesUrl }),
    metricExporter: new OTLPMetricExporter({ url: settings.metricsUrl }),
    log,
  });
}
