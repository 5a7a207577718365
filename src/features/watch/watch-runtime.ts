import type { Deps } from '../../app/deps';
import type { Periodic } from '../../app/periodic';
import { syncRuntimeFor } from '../sync/sync-runtime';
import { checkWatches } from './check-watches';

const running = new WeakMap<Deps['db'], Periodic>();

/**
 * Checks every watched group each WATCH_INTERVAL_SECONDS, one pass at a time, until stopWatching:
 * with PostgreSQL once per interval across all instances (the job runner's repeat).
 */
export async function startWatching(deps: Deps): Promise<void> {
  if (running.has(deps.db)) return;
  running.set(deps.db, syncRuntimeFor(deps).engine.repeat({
    name: 'watch-check',
    intervalMs: deps.config.watchIntervalSeconds * 1000,
    run: () => checkWatches(deps),
    onError: (error) => deps.log.warn({ err: error }, 'watch check failed'),
  }));
}

/** Stops the checks and waits for one under way (before the job engine and the store close). */
export async function stopWatching(deps: Deps): Promise<void> {
  const periodic = running.get(deps.db);
  running.delete(deps.db);
  await periodic?.stop();
}
