import type { Feature } from '../../app/routes';
import { confirmLinkAction, linkCommand, listGroupTeamsCommand } from './group-teams.command';

export const groupTeamsFeature: Feature = {
  commands: [linkCommand, listGroupTeamsCommand],
  actions: [confirmLinkAction],
};
