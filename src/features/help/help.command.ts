import type { AnyTextCommand, TextCommand } from '../../app/routes';
import { normalise } from '../../app/text';
import { demoTenantLabel } from '../../cards/demo-tenant';
import { helpCard } from './help.card';

const PHRASES = new Set(['help', '?', 'commands', 'menu', 'what can you do', 'how does this work']);

/** `help`: lists every command of the table it is given (read when help runs, so later additions show up). */
export function createHelpCommand(listCommands: () => readonly AnyTextCommand[]): TextCommand<Record<string, never>> {
  return {
    name: 'help',
    usage: 'help',
    summary: 'Show this list of commands.',
    examples: ['help'],
    access: 'anyone',
    parse: (text) => (PHRASES.has(normalise(text)) ? {} : null),
    async run(turn, _params, deps) {
      await turn.replyCard(helpCard(listCommands(), demoTenantLabel(deps.config)));
    },
  };
}
