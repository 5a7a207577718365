import type { Deps } from '../../app/deps';
import { checkWatches } from './check-watches';

const timers = new WeakMap<Deps['db'], NodeJS.Timeout>();

/** Checks every watched group each WATCH_INTERVAL_SECONDS, one pass at a time, until stopWatching. */
export function startWatching(deps: Deps): void {
  if (timers.has(deps.db)) return;
  let running = false;
  const tick = (): void => {
    if (running) return;
    running = true;
    void checkWatches(deps)
      .catch((error: unknown) => deps.log.warn({ err: error }, 'watch check failed'))
      .finally(() => (running = false));
  };
  timers.set(deps.db, setInterval(tick, deps.config.watchIntervalSeconds * 1000).unref());
}

export function stopWatching(deps: Deps): void {
  clearInterval(timers.get(deps.db));
  timers.delete(deps.db);
}
