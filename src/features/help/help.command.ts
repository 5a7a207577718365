import type { Deps } from '../../app/deps';
import { REQUEST_FAMILIES } from '../../app/request-families';
import type { AnyTextCommand, TextCommand } from '../../app/routes';
import { normalise } from '../../app/text';
import type { Turn } from '../../app/turn';
import { demoTenantLabel } from '../../cards/demo-tenant';
import { securityFor } from '../../security/guard';
import { allows, type Role } from '../../security/roles';
import { helpCard } from './help.card';

const PHRASES = new Set(['help', '?', 'commands', 'menu', 'what can you do', 'how does this work']);

/** The caller's role as the guard sees it; null when it cannot be checked now (help then lists everything). */
async function roleOf(turn: Turn, deps: Deps): Promise<Role | null> {
  if (!turn.caller.aadObjectId) return 'none';
  try {
    return await securityFor(deps).roles.roleOf(turn.caller.aadObjectId);
  } catch (error) {
    turn.log.warn({ err: error }, 'help could not check the caller role');
    return null;
  }
}

/** `help`: the commands of the table it is given that the caller may use (read when help runs, so later additions show up). */
export function createHelpCommand(listCommands: () => readonly AnyTextCommand[]): TextCommand<Record<string, never>> {
  return {
    name: 'help',
    usage: 'help',
    summary: 'Show what I can do for you.',
    examples: ['help'],
    access: 'anyone',
    parse: (text) => (PHRASES.has(normalise(text)) ? {} : null),
    async run(turn, _params, deps) {
      const role = await roleOf(turn, deps);
      const commands = listCommands().filter((c) => role === null || allows(role, c.access));
      const note = role === null ? "I couldn't check your role just now, so this lists everything; some of it may be refused." : '';
      await turn.replyCard(helpCard({ commands, families: REQUEST_FAMILIES, demoTenant: demoTenantLabel(deps.config), note }));
    },
  };
}
