/**
 * What the bot reports about itself: spans for commands, card actions and sync jobs, counters and
 * duration histograms. The default is the no-op below; with OTEL_EXPORTER_OTLP_ENDPOINT set,
 * composeApp uses the OTLP/HTTP exporter (otlp-telemetry.ts). Calls never throw and never wait.
 */
export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue | undefined>>;
export type SpanStatus = 'ok' | 'error';

export interface SpanHandle {
  /** Ends the span (once; later calls are ignored), adding attributes known only at the end (outcome, totals). */
  end(status?: SpanStatus, attrs?: Attributes): void;
}

export interface Telemetry {
  /** False for the no-op: callers skip building attributes and wrappers altogether. */
  readonly enabled: boolean;
  startSpan(name: string, attrs?: Attributes): SpanHandle;
  /** Adds `value` to a monotonic counter. */
  count(name: string, value: number, attrs?: Attributes): void;
  /** Records one duration in milliseconds into a histogram. */
  recordDuration(name: string, ms: number, attrs?: Attributes): void;
  /** Sends what is queued now; resolves when sent or failed (never rejects). */
  flush(): Promise<void>;
  /** Stops the timer and sends what is left. */
  shutdown(): Promise<void>;
}

const NOOP_SPAN: SpanHandle = Object.freeze({ end: () => undefined });
const resolved = Promise.resolve();

/** Records nothing and allocates nothing per call. */
export const noopTelemetry: Telemetry = Object.freeze({
  enabled: false,
  startSpan: () => NOOP_SPAN,
  count: () => undefined,
  recordDuration: () => undefined,
  flush: () => resolved,
  shutdown: () => resolved,
});
