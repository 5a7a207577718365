import type { Feature } from '../../app/routes';
import { assignRolesAction, confirmRemoveAction, confirmSyncMissingAction, pickRoleAction, removeAccessCommand, syncMissingAction, whoHasAccessCommand } from './access.command';

export const accessFeature: Feature = {
  commands: [whoHasAccessCommand, removeAccessCommand],
  actions: [syncMissingAction, confirmSyncMissingAction, assignRolesAction, pickRoleAction, confirmRemoveAction],
};
