import type { TextCommand } from '../../app/routes';
import { normalise } from '../../app/text';
import { subscribe, unsubscribe } from './subscriptions';

export const notifyHereCommand: TextCommand<Record<string, never>> = {
  name: 'notify here',
  usage: 'notify here',
  summary: 'Post here whenever a sync job ends with failures (admins).',
  examples: ['notify here'],
  access: 'admin',
  parse: (text) => (/^(?:please )?notify (?:me )?here$/.test(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    const added = await subscribe(deps.db, turn.conversationKey, { aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name }, deps.now());
    await turn.reply(
      added
        ? 'Done: I will post here whenever a sync job ends with failures. Say **stop notifying here** to stop.'
        : 'This conversation already gets sync failure notifications. Say **stop notifying here** to stop.',
    );
  },
};

export const stopNotifyingCommand: TextCommand<Record<string, never>> = {
  name: 'stop notifying here',
  usage: 'stop notifying here',
  summary: 'Stop posting sync failure notifications here (admins).',
  examples: ['stop notifying here'],
  access: 'admin',
  parse: (text) => (/^(?:stop notifying|unsubscribe|don't notify)(?: me)?(?: here)?$/.test(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    const removed = await unsubscribe(deps.db, turn.conversationKey);
    await turn.reply(
      removed
        ? 'Done: no more sync failure notifications here. People who start a sync still hear about their own jobs.'
        : 'This conversation was not getting sync failure notifications.',
    );
  },
};
