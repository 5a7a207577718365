import type { Feature } from '../../app/routes';
import { listWatchesCommand, unwatchCommand, watchCommand } from './watch.command';
import { anyFlow } from '../../app/flows';
import { watchAskCommand, watchFlow } from './dialogs/watch-flow';

export const watchFeature: Feature = {
  commands: [listWatchesCommand, unwatchCommand, watchCommand],
  actions: [],
  asks: [watchAskCommand],
  flows: [anyFlow(watchFlow)],
};
export { checkWatches } from './check-watches';
export { startWatching, stopWatching } from './watch-runtime';
