import type { Deps } from '../../app/deps';
import { runPeriodically, type Periodic } from '../../app/periodic';
import { checkWatches } from './check-watches';

const running = new WeakMap<Deps['db'], Periodic>();

/** Checks every watched group each WATCH_INTERVAL_SECONDS, one pass at a time, until stopWatching. */
export async function startWatching(deps: Deps): Promise<void> {
  if (running.has(deps.db)) return;
  running.set(deps.db, runPeriodically(deps.config.watchIntervalSeconds * 1000, () => checkWatches(deps), {
    onError: (error) => deps.log.warn({ err: error }, 'watch check failed'),
  }));
}

/** Stops the checks and waits for one under way (before the job engine and the store close). */
export async function stopWatching(deps: Deps): Promise<void> {
  const periodic = running.get(deps.db);
  running.delete(deps.db);
  await periodic?.stop();
}
