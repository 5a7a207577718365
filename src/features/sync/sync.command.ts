import type { TextCommand } from '../../app/routes';
import { parseSync, type SyncRequest } from './parse-sync';
import { startSync } from './start-sync';

export const syncCommand: TextCommand<SyncRequest> = {
  name: 'sync',
  usage: 'sync <group or people> to <environment> [including nested groups] [wait for licences]',
  summary: 'Force-sync an Entra group or named people into an environment now (admins). A group gets a preview first.',
  examples: ['sync Financial Coordinators to UAT', 'sync jane.doe@contoso.com to UAT', 'sync Financial Coordinators to UAT including nested groups'],
  access: 'admin',
  expensive: true,
  parse: parseSync,
  run: startSync,
};
