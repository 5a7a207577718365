import type { TextCommand } from '../../app/routes';
import { normalise } from '../../app/text';
import { demoTenantLabel } from '../../cards/demo-tenant';
import { environmentsCard } from './environments.card';
import { listEnvironments } from './list-environments';

/** "environments", "list envs", "show me all the environments", "what environments do we have". */
const PHRASES = /^(?:(?:list|show|show me|get|see)(?: all)?(?: the| our)? )?(?:environments?|envs|environment list)$|^(?:what|which) environments (?:are there|do (?:we|you) have|exist|can you see)$/;

export const environmentsCommand: TextCommand<Record<string, never>> = {
  name: 'environments',
  usage: 'environments',
  summary: 'List the Power Platform environments with their Dataverse security group and state.',
  examples: ['environments'],
  access: 'anyone',
  parse: (text) => (PHRASES.test(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    await turn.typing();
    const rows = await listEnvironments(deps);
    await turn.replyCard(environmentsCard(rows, demoTenantLabel(deps.config)));
  },
};
