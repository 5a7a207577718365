/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * min(maxMs, baseMs × 2^(n-1)), so retries of many members spread out instead of arriving together.
 */
export function backoffDelay(attempt: number, options: { baseMs: number; maxMs: number; random?: () => number }): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
