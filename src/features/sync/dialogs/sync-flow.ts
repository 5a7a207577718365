import { askFor, textSlot, type Flow } from '../../../app/flows';
import type { TextCommand } from '../../../app/routes';
import { environmentSlot } from '../../environments/dialogs/environment-slot';
import { parsePartialSync, splitNames, type SyncRequest } from '../parse-sync';
import { syncCommandText } from '../start-sync';
import { syncCommand } from '../sync.command';

/** Who to sync, typed: a group, or people separated by commas (the same text as in the command). */
const MAX_TARGET_CHARS = 2_000;

/** `sync Financial Coordinators` (where to?) and `sync to UAT` (whom?): asks, then runs the sync command. */
export const syncFlow: Flow<SyncRequest> = {
  id: 'sync',
  command: syncCommand,
  slots: [
    textSlot<SyncRequest>({
      key: 'target',
      kind: 'group',
      question: (r) => (r.environment ? `Whom should I sync into ${r.environment}?` : 'Whom should I sync?'),
      hint: 'Type a group, or one or more people separated by commas.',
      maxChars: MAX_TARGET_CHARS,
    }),
    environmentSlot<SyncRequest>({
      key: 'environment',
      dataverseOnly: true,
      question: (r) => `Which environment should I sync "${r.target ?? ''}" into?`,
    }),
  ],
  complete: (r) => ({
    target: r.target ?? '',
    names: splitNames(r.target ?? ''),
    environment: r.environment ?? '',
    includeNested: r.includeNested ?? false,
    readyOnly: r.readyOnly ?? false,
    waitForLicences: r.waitForLicences ?? false,
  }),
  asText: (r) => syncCommandText(r),
};

/** A sync request that lacks who or where: the dialog asks for it (the full command comes first in the table). */
export const syncAskCommand: TextCommand<Partial<SyncRequest>> = {
  name: 'sync (ask)',
  usage: 'sync <group or people>',
  summary: 'Asks which environment (or whom) to sync, then syncs (admins).',
  examples: ['sync Financial Coordinators'],
  access: 'admin',
  parse: parsePartialSync,
  run: (turn, request) => askFor(turn, syncFlow, request),
};
