import { askFor, type Flow } from '../../../app/flows';
import type { TextCommand } from '../../../app/routes';
import { trimSentence } from '../../../app/text';
import { unquote } from '../../../domain/resolve';
import { environmentSlot } from '../../environments/dialogs/environment-slot';
import { roleChangeText, type RoleChangeRequest } from '../parse-roles';
import { giveRoleCommand, removeRoleCommand } from '../roles.command';

/** A role change without its environment: "give Jane the Finance Clerk role", "remove the Auditor role from Wei". */
const PARTIAL: Record<RoleChangeRequest['change'], RegExp[]> = {
  give: [
    /^(?:give|grant|assign)\s+(?<person>(?!(?:the|a|an)\s).+?)\s+(?:the|a|an)\s+(?<role>.+?)\s+(?:security\s+)?role$/i,
    /^(?:give|grant|assign|add)\s+(?:the\s+|a\s+|an\s+)?(?<role>.+?)\s+(?:security\s+)?role\s+to\s+(?<person>.+?)$/i,
  ],
  remove: [/^(?:remove|revoke|take\s+away|take)\s+(?:the\s+)?(?<role>.+?)\s+(?:security\s+)?role\s+from\s+(?<person>.+?)$/i],
};

function parsePartial(change: RoleChangeRequest['change'], text: string): Partial<RoleChangeRequest> | null {
  const sentence = trimSentence(text);
  for (const pattern of PARTIAL[change]) {
    const groups = pattern.exec(sentence)?.groups;
    const person = unquote(groups?.person ?? '');
    const role = unquote(groups?.role ?? '');
    if (person !== '' && role !== '') return { change, person, role };
  }
  return null;
}

function roleFlow(change: RoleChangeRequest['change']): Flow<RoleChangeRequest> {
  return {
    id: `role.${change}`,
    command: change === 'give' ? giveRoleCommand : removeRoleCommand,
    slots: [
      environmentSlot<RoleChangeRequest>({
        key: 'environment',
        dataverseOnly: true,
        question: (r) => `In which environment should I ${change === 'give' ? 'give' : 'remove'} the ${r.role ?? ''} role ${change === 'give' ? 'to' : 'from'} ${r.person ?? ''}?`,
      }),
    ],
    complete: (r) => ({ change, person: r.person ?? '', role: r.role ?? '', environment: r.environment ?? '' }),
    asText: (r) => roleChangeText({ change, person: r.person ?? '', role: r.role ?? '', environment: r.environment ?? '' }).replace(/ in $/, ''),
  };
}

export const giveRoleFlow = roleFlow('give');
export const removeRoleFlow = roleFlow('remove');

function askCommand(flow: Flow<RoleChangeRequest>, change: RoleChangeRequest['change']): TextCommand<Partial<RoleChangeRequest>> {
  return {
    name: `${change} role (ask)`,
    usage: change === 'give' ? 'give <person> the <role> role' : 'remove the <role> role from <person>',
    summary: 'Asks in which environment, then changes the role as the full command does (admins).',
    examples: [change === 'give' ? 'give Siobhan the Finance Clerk role' : 'remove the Auditor role from Wei'],
    access: 'admin',
    parse: (text) => parsePartial(change, text),
    run: (turn, request) => askFor(turn, flow, request),
  };
}

export const giveRoleAskCommand = askCommand(giveRoleFlow, 'give');
export const removeRoleAskCommand = askCommand(removeRoleFlow, 'remove');
