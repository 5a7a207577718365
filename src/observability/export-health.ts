import type { ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';

/** ExportResultCode.SUCCESS (kept as a literal so this file loads no SDK code of its own). */
const SUCCESS = 0;

/** The problem in words that are safe to log: an HTTP status or an error name, never a URL or a body. */
function problemOf(result: ExportResult): string {
  const error = result.error as (Error & { code?: unknown }) | undefined;
  if (typeof error?.code === 'number') return `HTTP ${error.code}`;
  return error?.name ?? 'export failed';
}

/**
 * One `warn` when exports of a signal start failing (the batch is dropped by the SDK after its
 * own retries) and one `info` when they work again: an outage is two log lines, not one a minute.
 */
export class ExportHealth {
  private readonly failing = new Set<string>();

  constructor(private readonly log: Logger) {}

  report(signal: 'traces' | 'metrics', result: ExportResult): void {
    if (result.code !== SUCCESS) {
      if (!this.failing.has(signal)) this.log.warn({ signal, problem: problemOf(result) }, 'could not export telemetry; this batch is dropped');
      this.failing.add(signal);
    } else if (this.failing.delete(signal)) {
      this.log.info({ signal }, 'telemetry export works again');
    }
  }

  spans(inner: SpanExporter): SpanExporter {
    return {
      export: (spans: ReadableSpan[], done: (result: ExportResult) => void) => inner.export(spans, (result) => {
        this.report('traces', result);
        done(result);
      }),
      shutdown: () => inner.shutdown(),
      forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
    };
  }

  metrics(inner: PushMetricExporter): PushMetricExporter {
    return {
      export: (metrics: ResourceMetrics, done: (result: ExportResult) => void) => inner.export(metrics, (result) => {
        this.report('metrics', result);
        done(result);
      }),
      forceFlush: () => inner.forceFlush(),
      shutdown: () => inner.shutdown(),
      selectAggregationTemporality: inner.selectAggregationTemporality?.bind(inner),
      selectAggregation: inner.selectAggregation?.bind(inner),
    };
  }
}
