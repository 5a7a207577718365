import type { Feature } from '../../app/routes';
import { addToGroupAction, cancelAddAction, confirmAddAction } from './add-to-group.action';
import { cancelSyncAction } from './cancel-sync.action';
import { chooseSyncAction } from './choose-sync.action';
import { confirmSyncAction } from './confirm-sync.action';
import { recheckUserAction } from './recheck-user.action';
import { refreshCardAction } from './refresh-card.action';
import { retryFailedAction } from './retry-failed.action';
import { membersPageAction, showAllAction } from './show-members.action';
import { syncCommand } from './sync.command';
import { syncFormAction, syncFormCommand } from './sync-form';
import { anyFlow } from '../../app/flows';
import { syncAskCommand, syncFlow } from './dialogs/sync-flow';

export { resumeSyncJobs, stopSyncJobs, syncRuntimeFor } from './sync-runtime';

export const syncFeature: Feature = {
  commands: [syncCommand, syncFormCommand],
  actions: [confirmSyncAction, cancelSyncAction, chooseSyncAction, retryFailedAction, showAllAction, membersPageAction, recheckUserAction, syncFormAction, addToGroupAction, confirmAddAction, cancelAddAction, refreshCardAction],
  asks: [syncAskCommand],
  flows: [anyFlow(syncFlow)],
};
