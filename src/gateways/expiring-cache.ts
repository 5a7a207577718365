/**
 * Reads kept for a while by key: callers in parallel share the one in flight, a failed read is not kept,
 * and `fresh` reads again now. The clock is injected so tests can move time.
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string, load: () => Promise<T>, options: { fresh?: boolean } = {}): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && !options.fresh && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { at: now, value });
    // Only this read's own entry goes: a `fresh` read may have replaced it while it was in flight.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
