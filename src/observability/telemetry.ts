import { ProxyTracerProvider, type Tracer } from '@opentelemetry/api';

/**
 * What the bot reports about itself through OpenTelemetry: spans for routed activities, sync jobs
 * and Microsoft calls, counters, duration histograms and gauges. The default is the no-op below
 * and loads no SDK; create-telemetry.ts starts the SDK with an OTLP or Azure Monitor exporter.
 * Recording never throws and never waits for the network.
 */
export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue | undefined>>;
export type SpanStatus = 'ok' | 'error';

/** Every metric the bot records; metric-catalog.ts says what each means. */
export type CounterName =
  | 'bot.routes'
  | 'outbound.requests'
  | 'outbound.throttled'
  | 'sync.members.synced'
  | 'sync.members.failed'
  | 'sync.throttled'
  | 'sync.jobs'
  | 'notifications.failed';
export type HistogramName = 'bot.route.duration' | 'outbound.duration' | 'sync.adduser.duration' | 'sync.job.duration' | 'diagnosis.duration';
export type GaugeName = 'sync.limiter.window' | 'sync.limiter.pace' | 'sync.jobs.active';

/** Reports one value of a gauge (with its attributes) when the metrics are collected. */
export type GaugeReport = (value: number, attrs?: Attributes) => void;

export interface Telemetry {
  /** False for the no-op: callers skip building attributes, spans and wrappers altogether. */
  readonly enabled: boolean;
  /** For spans: the bot's own, and (handed to the gateways) one per Microsoft call. */
  readonly tracer: Tracer;
  /** Adds `value` to a monotonic counter. */
  count(name: CounterName, value: number, attrs?: Attributes): void;
  /** Records one duration in milliseconds into a histogram. */
  recordDuration(name: HistogramName, ms: number, attrs?: Attributes): void;
  /** Reads a gauge each time metrics are collected, until the returned function is called. */
  observe(name: GaugeName, read: (report: GaugeReport) => void | Promise<void>): () => void;
  /** Exports what is pending now; resolves when sent or failed (never rejects). */
  flush(): Promise<void>;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

const resolved = Promise.resolve();
const nothing = (): void => undefined;

/** Records nothing; its tracer makes non-recording spans. No SDK module is loaded for it. */
export const noopTelemetry: Telemetry = Object.freeze({
  enabled: false,
  tracer: new ProxyTracerProvider().getTracer('noop'),
  count: nothing,
  recordDuration: nothing,
  observe: () => nothing,
  flush: () => resolved,
  shutdown: () => resolved,
});
