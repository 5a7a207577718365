import type { Row } from './results';

export type Mode = 'full' | 'smoke';

export interface Scenario {
  /** Short id for `--only`, e.g. `sync-limit`. */
  id: string;
  run(mode: Mode, progress: (line: string) => void): Promise<Row[]>;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
