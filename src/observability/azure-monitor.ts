import { metrics, trace, type ProxyTracerProvider } from '@opentelemetry/api';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { botResource } from './sdk-pipeline';
import { SCOPE_NAME, sdkTelemetry } from './sdk-telemetry';
import type { Telemetry } from './telemetry';

export interface AzureMonitorSettings {
  connectionString: string;
  serviceName: string;
  serviceVersion: string;
  /** OTLP/HTTP as well, when an endpoint is configured too. */
  otlp: { tracesUrl: string; metricsUrl: string } | null;
}

type Flushable = { forceFlush?: () => Promise<void> };

/**
 * Microsoft's Azure Monitor distro (loaded only when configured): spans become requests (routes),
 * dependencies (Microsoft calls) and traces in Application Insights, metrics become customMetrics.
 * It registers the global providers, so there is one per process. Every automatic
 * instrumentation is off: the http one would record URLs, and Graph filters carry UPNs. Sampling
 * keeps every trace (the distro's default of 5 traces a second could drop a sync's trace), and
 * live metrics and performance counters are off; APPLICATIONINSIGHTS_CONFIGURATION_CONTENT can
 * change the sampling (the distro reads it). With an OTLP endpoint set as well, the same spans and
 * metrics also go there.
 */
export function startAzureMonitor(settings: AzureMonitorSettings): Telemetry {
  const off = { enabled: false };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: settings.connectionString },
    resource: botResource(settings.serviceName, settings.serviceVersion),
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    enablePerformanceCounters: false,
    instrumentationOptions: { http: off, azureSdk: off, mongoDb: off, mySql: off, postgreSql: off, redis: off, redis4: off, bunyan: off, winston: off },
    spanProcessors: settings.otlp ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.otlp.tracesUrl }))] : [],
    metricReaders: settings.otlp ? [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: settings.otlp.metricsUrl }) })] : [],
  });
  const tracerProvider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as Flushable;
  const meterProvider = metrics.getMeterProvider() as Flushable;
  return sdkTelemetry({
    tracer: trace.getTracer(SCOPE_NAME, settings.serviceVersion),
    meter: metrics.getMeter(SCOPE_NAME, settings.serviceVersion),
    flush: () => Promise.all([tracerProvider.forceFlush?.(), meterProvider.forceFlush?.()]),
    shutdown: () => shutdownAzureMonitor(),
  });
}
