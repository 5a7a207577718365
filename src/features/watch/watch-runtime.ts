import type { Deps } from '../../app/deps';
import { checkWatches } from './check-watches';

const running = new WeakMap<Deps['db'], { timer: NodeJS.Timeout; pass: Promise<unknown> | null }>();

/** Checks every watched group each WATCH_INTERVAL_SECONDS, one pass at a time, until stopWatching. */
export function startWatching(deps: Deps): void {
  if (running.has(deps.db)) return;
  const state: { timer: NodeJS.Timeout; pass: Promise<unknown> | null } = {
    timer: setInterval(() => {
      if (state.pass) return;
      state.pass = checkWatches(deps)
        .catch((error: unknown) => deps.log.warn({ err: error }, 'watch check failed'))
        .finally(() => (state.pass = null));
    }, deps.config.watchIntervalSeconds * 1000).unref(),
    pass: null,
  };
  running.set(deps.db, state);
}

/** Stops the checks and waits for one under way (before the job engine and the store close). */
export async function stopWatching(deps: Deps): Promise<void> {
  const state = running.get(deps.db);
  if (!state) return;
  clearInterval(state.timer);
  running.delete(deps.db);
  await state.pass;
}
