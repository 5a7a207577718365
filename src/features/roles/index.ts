import type { Feature } from '../../app/routes';
import { confirmRoleAction, giveRoleCommand, listRolesCommand, removeRoleCommand } from './roles.command';
import { cancelAction } from './shared/confirm';

export const rolesFeature: Feature = {
  commands: [listRolesCommand, giveRoleCommand, removeRoleCommand],
  actions: [confirmRoleAction, cancelAction],
};
