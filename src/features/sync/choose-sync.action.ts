import type { CardAction } from '../../app/routes';
import { invalidInput } from '../../errors';
import { parseSync, type SyncRequest } from './parse-sync';
import { startSync } from './start-sync';
import { SYNC_VERBS } from './sync-result.card';

/** A button of a "which one did you mean?" card: runs the sync command it carries. */
export const chooseSyncAction: CardAction<SyncRequest> = {
  verb: SYNC_VERBS.choose,
  access: 'admin',
  expensive: true,
  parse: (data) => {
    const request = typeof data.text === 'string' && data.text.length <= 2000 ? parseSync(data.text) : null;
    if (!request) throw invalidInput('This button carries no valid sync request. Please type the sync command again.');
    return request;
  },
  async run(turn, request, deps) {
    await startSync(turn, request, deps);
  },
};
