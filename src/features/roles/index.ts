import type { Feature } from '../../app/routes';
import { confirmRoleAction, giveRoleCommand, listRolesCommand, removeRoleCommand } from './roles.command';
import { cancelAction } from './shared/confirm';
import { anyFlow } from '../../app/flows';
import { giveRoleAskCommand, giveRoleFlow, removeRoleAskCommand, removeRoleFlow } from './dialogs/role-flow';

export const rolesFeature: Feature = {
  commands: [listRolesCommand, giveRoleCommand, removeRoleCommand],
  actions: [confirmRoleAction, cancelAction],
  asks: [giveRoleAskCommand, removeRoleAskCommand],
  flows: [anyFlow(giveRoleFlow), anyFlow(removeRoleFlow)],
};
