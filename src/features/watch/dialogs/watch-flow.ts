import { askFor, textSlot, type Flow } from '../../../app/flows';
import type { TextCommand } from '../../../app/routes';
import { environmentSlot } from '../../environments/dialogs/environment-slot';
import { parsePartialWatch, type WatchRequest } from '../parse-watch';
import { watchCommand } from '../watch.command';

/** `watch UAT Access` (for which environment?) and `watch` alone: asks, then starts the watch. */
export const watchFlow: Flow<WatchRequest> = {
  id: 'watch',
  command: watchCommand,
  slots: [
    textSlot<WatchRequest>({ key: 'group', kind: 'group', question: () => 'Which group should I watch?', hint: 'Type the name of an Entra security group.' }),
    environmentSlot<WatchRequest>({ key: 'environment', dataverseOnly: true, question: (r) => `Which environment should I sync new members of "${r.group ?? ''}" into?` }),
  ],
  complete: (r) => ({ group: r.group ?? '', environment: r.environment ?? '' }),
  asText: (r) => ['watch', r.group, r.environment ? `for ${r.environment}` : ''].filter((part) => part).join(' '),
};

/** A watch request without its environment (or group): the dialog asks for it. */
export const watchAskCommand: TextCommand<Partial<WatchRequest>> = {
  name: 'watch (ask)',
  usage: 'watch <group>',
  summary: 'Asks which environment (and group) to watch for, then starts watching (admins).',
  examples: ['watch UAT Access'],
  access: 'admin',
  parse: parsePartialWatch,
  run: (turn, request) => askFor(turn, watchFlow, request),
};
