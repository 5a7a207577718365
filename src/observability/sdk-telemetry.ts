import { ValueType, type Counter, type Histogram, type Meter, type ObservableCallback, type ObservableGauge, type Tracer } from '@opentelemetry/api';
import { COUNTERS, DURATION_BOUNDS_MS, GAUGES, HISTOGRAMS } from './metric-catalog';
import { isSafeName, safeAttributes } from './safe-attributes';
import type { CounterName, GaugeName, HistogramName, Telemetry } from './telemetry';

export const SCOPE_NAME = 'dataverse-access-bot';

export interface TelemetryParts {
  tracer: Tracer;
  meter: Meter;
  /** Exports pending spans and metrics now. */
  flush(): Promise<unknown>;
  /** Exports what is left and stops the providers. */
  shutdown(): Promise<unknown>;
}

const entries = <K extends string, V>(record: Readonly<Record<K, V>>) => Object.entries(record) as [K, V][];

/** Longest a flush or shutdown may hold up its caller (a hung collector, say); the exporter's own timeout is 10 s. */
const SETTLE_LIMIT_MS = 15_000;

function settled(work: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SETTLE_LIMIT_MS);
    timer.unref();
  });
  const done = Promise.resolve()
    .then(work)
    .then(
      () => undefined,
      () => undefined,
    );
  return Promise.race([done, limit]).finally(() => clearTimeout(timer));
}

/**
 * The bot's Telemetry over an OpenTelemetry tracer and meter (whatever exports them): every
 * instrument is created once, and every attribute set goes through the allow-list.
 */
export function sdkTelemetry(parts: TelemetryParts): Telemetry {
  const { meter } = parts;
  const counters = new Map<CounterName, Counter>(entries(COUNTERS).map(([name, info]) => [name, meter.createCounter(name, { ...info, valueType: ValueType.INT })]));
  const histograms = new Map<HistogramName, Histogram>(
    entries(HISTOGRAMS).map(([name, info]) => [name, meter.createHistogram(name, { ...info, advice: { explicitBucketBoundaries: [...DURATION_BOUNDS_MS] } })]),
  );
  const gauges = new Map<GaugeName, ObservableGauge>(entries(GAUGES).map(([name, info]) => [name, meter.createObservableGauge(name, info)]));
  let stopped = false;

  return {
    enabled: true,
    tracer: parts.tracer,
    count(name, value, attrs) {
      if (Number.isFinite(value) && value > 0 && isSafeName(name)) counters.get(name)?.add(value, safeAttributes(attrs));
    },
    recordDuration(name, ms, attrs) {
      if (Number.isFinite(ms) && ms >= 0) histograms.get(name)?.record(ms, safeAttributes(attrs));
    },
    observe(name, read) {
      const gauge = gauges.get(name);
      if (!gauge) return () => undefined;
      const callback: ObservableCallback = (result) => read((value, attrs) => {
        if (Number.isFinite(value)) result.observe(value, safeAttributes(attrs));
      });
      gauge.addCallback(callback);
      return () => gauge.removeCallback(callback);
    },
    flush: () => (stopped ? Promise.resolve() : settled(parts.flush)),
    shutdown() {
      if (stopped) return Promise.resolve();
      stopped = true;
      return settled(parts.shutdown);
    },
  };
}
