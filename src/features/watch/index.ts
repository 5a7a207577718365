import type { Feature } from '../../app/routes';
import { listWatchesCommand, unwatchCommand, watchCommand } from './watch.command';

export const watchFeature: Feature = { commands: [listWatchesCommand, unwatchCommand, watchCommand], actions: [] };
export { checkWatches } from './check-watches';
export { startWatching, stopWatching } from './watch-runtime';
