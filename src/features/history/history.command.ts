import type { TextCommand } from '../../app/routes';
import { normalise } from '../../app/text';
import { listJobs } from '../../jobs/job-store';
import { historyCard } from './history.card';

export const HISTORY_SIZE = 15;

export const historyCommand: TextCommand<Record<string, never>> = {
  name: 'history',
  usage: 'history',
  summary: 'Recent sync jobs: who, what, where, when and how it went.',
  examples: ['history'],
  access: 'helpdesk',
  parse: (text) => (/^(?:sync )?(?:history|jobs)$/.test(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    await turn.replyCard(historyCard(await listJobs(deps.db, HISTORY_SIZE)));
  },
};
