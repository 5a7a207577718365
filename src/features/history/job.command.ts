import type { CardAction, TextCommand } from '../../app/routes';
import { collapseSpaces } from '../../app/text';
import { jobCard, normaliseJobId } from './show-job';

export const jobCommand: TextCommand<{ id: string }> = {
  name: 'job',
  usage: 'job <id>',
  summary: 'Show a sync job again: its result, or its progress while it runs.',
  examples: ['job K7Q2XD9M'],
  access: 'helpdesk',
  parse: (text) => {
    const match = /^(?:show )?job\s+(\S+)$/i.exec(collapseSpaces(text));
    return match?.[1] ? { id: match[1] } : null;
  },
  async run(turn, params, deps) {
    await turn.replyCard(await jobCard(deps, normaliseJobId(params.id)));
  },
};

/** A job picked on the history card. */
export const showJobAction: CardAction<{ id: string }> = {
  verb: 'history.show',
  access: 'helpdesk',
  parse: (data) => ({ id: normaliseJobId(typeof data.jobId === 'string' ? data.jobId : '') }),
  async run(turn, params, deps) {
    await turn.replyCard(await jobCard(deps, params.id));
  },
};
