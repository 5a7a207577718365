import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { getNumberFromEnv, W3CTraceContextPropagator } from '@opentelemetry/core';
import { detectResources, envDetector, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';
import { ExportHealth } from './export-health';
import { SCOPE_NAME, sdkTelemetry } from './sdk-telemetry';
import type { Telemetry } from './telemetry';

export interface PipelineOptions {
  serviceName: string;
  serviceVersion: string;
  spanExporter: SpanExporter;
  metricExporter: PushMetricExporter;
  log: Logger;
  /** Default OTEL_METRIC_EXPORT_INTERVAL, else 60 s (the SDK's default). */
  exportIntervalMs?: number;
}

/** service.name and service.version, over what OTEL_RESOURCE_ATTRIBUTES adds. */
export function botResource(serviceName: string, serviceVersion: string): Resource {
  return detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName, [ATTR_SERVICE_VERSION]: serviceVersion }));
}

let contextRegistered = false;

/**
 * Once per process: the active span follows async work (AsyncLocalStorage), which parents spans
 * and puts trace ids on log lines, and the API's propagator writes W3C `traceparent`.
 */
function registerTraceContext(): void {
  if (contextRegistered) return;
  contextRegistered = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/**
 * The OpenTelemetry SDK with the given exporters: spans in batches (BatchSpanProcessor, which
 * honours OTEL_BSP_*: at most 2,048 queued, the rest dropped), metrics read every export interval.
 * Not registered as the global providers, so each composed app has its own.
 */
export function startSdkPipeline(options: PipelineOptions): Telemetry {
  registerTraceContext();
  const health = new ExportHealth(options.log);
  const resource = botResource(options.serviceName, options.serviceVersion);
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(health.spans(options.spanExporter))] });
  const reader = new PeriodicExportingMetricReader({
    exporter: health.metrics(options.metricExporter),
    exportIntervalMillis: options.exportIntervalMs ?? getNumberFromEnv('OTEL_METRIC_EXPORT_INTERVAL') ?? 60_000,
  });
  const meterProvider = new MeterProvider({ resource, readers: [reader] });
  return sdkTelemetry({
    tracer: tracerProvider.getTracer(SCOPE_NAME, options.serviceVersion),
    meter: meterProvider.getMeter(SCOPE_NAME, options.serviceVersion),
    flush: () => Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush()]),
    shutdown: () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]),
  });
}
