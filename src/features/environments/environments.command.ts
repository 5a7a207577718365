import type { TextCommand } from '../../app/routes';
import { normalise } from '../../app/text';
import { demoTenantLabel } from '../../cards/demo-tenant';
import { environmentsCard } from './environments.card';
import { listEnvironments } from './list-environments';

const PHRASES = new Set(['environments', 'environment', 'envs', 'list environments', 'show environments', 'list envs']);

export const environmentsCommand: TextCommand<Record<string, never>> = {
  name: 'environments',
  usage: 'environments',
  summary: 'List the Power Platform environments with their Dataverse security group and state.',
  examples: ['environments'],
  access: 'anyone',
  parse: (text) => (PHRASES.has(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    await turn.typing();
    const rows = await listEnvironments(deps);
    await turn.replyCard(environmentsCard(rows, demoTenantLabel(deps.config)));
  },
};
