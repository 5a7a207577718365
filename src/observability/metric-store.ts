import type { AttributeList, HistogramPoint, SumPoint } from './otlp-encoding';

/** Bucket bounds (ms) for every duration histogram: a fast Graph read to a slow addUser. */
export const DURATION_BOUNDS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000];

const seriesKey = (name: string, attrs: AttributeList) => `${name}|${attrs.map(([k, v]) => `${k}=${String(v)}`).join(',')}`;

/**
 * Cumulative counters and histograms, one series per name and attribute set, capped so that an
 * unexpected attribute value cannot grow memory without bound: series beyond the cap are dropped
 * and counted.
 */
export class MetricStore {
  private readonly sums = new Map<string, SumPoint>();
  private readonly histograms = new Map<string, HistogramPoint & { bucketCounts: number[] }>();
  private changed = false;
  droppedSeries = 0;

  constructor(private readonly maxSeries: number) {}

  /** Whether anything was recorded since the last `markExported()`. */
  get hasChanges(): boolean {
    return this.changed;
  }

  add(name: string, attributes: AttributeList, value: number): void {
    const key = seriesKey(name, attributes);
    const point = this.sums.get(key);
    if (point) point.value += value;
    else if (this.hasRoom(name)) this.sums.set(key, { name, attributes, value });
    else return;
    this.changed = true;
  }

  record(name: string, attributes: AttributeList, ms: number): void {
    const key = seriesKey(name, attributes);
    let point = this.histograms.get(key);
    if (!point) {
      if (!this.hasRoom(name)) return;
      point = { name, attributes, count: 0, sum: 0, min: ms, max: ms, bounds: DURATION_BOUNDS_MS, bucketCounts: new Array<number>(DURATION_BOUNDS_MS.length + 1).fill(0) };
      this.histograms.set(key, point);
    }
    point.count += 1;
    point.sum += ms;
    point.min = Math.min(point.min, ms);
    point.max = Math.max(point.max, ms);
    const found = DURATION_BOUNDS_MS.findIndex((bound) => ms <= bound);
    const bucket = found === -1 ? DURATION_BOUNDS_MS.length : found;
    point.bucketCounts[bucket] = (point.bucketCounts[bucket] ?? 0) + 1;
    this.changed = true;
  }

  /** Copies of every series (cumulative since start). */
  snapshot(): { sums: SumPoint[]; histograms: HistogramPoint[] } {
    const dropped: SumPoint[] = this.droppedSeries > 0 ? [{ name: 'telemetry.dropped', attributes: [['telemetry.dropped', 'series']], value: this.droppedSeries }] : [];
    return {
      sums: [...[...this.sums.values()].map((p) => ({ ...p })), ...dropped],
      histograms: [...this.histograms.values()].map((p) => ({ ...p, bucketCounts: [...p.bucketCounts] })),
    };
  }

  markExported(): void {
    this.changed = false;
  }

  /** The store's own `telemetry.*` counters always fit, so drops stay visible. */
  private hasRoom(name: string): boolean {
    if (this.sums.size + this.histograms.size < this.maxSeries || name.startsWith('telemetry.')) return true;
    this.droppedSeries += 1;
    return false;
  }
}
