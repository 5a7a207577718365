import { askFor, type Flow } from '../../../app/flows';
import type { TextCommand } from '../../../app/routes';
import { trimSentence } from '../../../app/text';
import { unquote } from '../../../domain/resolve';
import { environmentSlot } from '../../environments/dialogs/environment-slot';
import { moveCommand } from '../business-units.command';
import { moveText, type MoveRequest } from '../parse-move';

/** A move without its environment: "move Jane to business unit Finance", "move Jane to the Finance business unit". */
const PARTIAL = [
  /^(?:move|transfer|put)\s+(?<person>.+?)\s+(?:to|into|in)\s+(?:the\s+)?business\s+unit\s+(?<unit>.+?)$/i,
  /^(?:move|transfer|put)\s+(?<person>.+?)\s+(?:to|into|in)\s+(?:the\s+)?(?<unit>.+?)\s+business\s+unit$/i,
  /^(?:change|set)\s+(?<person>.+?)(?:'s|s')\s+business\s+unit\s+to\s+(?<unit>.+?)$/i,
];

export function parsePartialMove(text: string): Partial<MoveRequest> | null {
  const sentence = trimSentence(text);
  for (const pattern of PARTIAL) {
    const groups = pattern.exec(sentence)?.groups;
    const person = unquote(groups?.person ?? '');
    const businessUnit = unquote(groups?.unit ?? '');
    if (person !== '' && businessUnit !== '') return { person, businessUnit };
  }
  return null;
}

export const moveFlow: Flow<MoveRequest> = {
  id: 'business-unit.move',
  command: moveCommand,
  slots: [
    environmentSlot<MoveRequest>({
      key: 'environment',
      dataverseOnly: true,
      question: (r) => `In which environment should I move ${r.person ?? ''} to the ${r.businessUnit ?? ''} business unit?`,
    }),
  ],
  complete: (r) => ({ person: r.person ?? '', businessUnit: r.businessUnit ?? '', environment: r.environment ?? '' }),
  asText: (r) => moveText({ person: r.person ?? '', businessUnit: r.businessUnit ?? '', environment: r.environment ?? '' }).replace(/ in $/, ''),
};

export const moveAskCommand: TextCommand<Partial<MoveRequest>> = {
  name: 'move business unit (ask)',
  usage: 'move <person> to business unit <business unit>',
  summary: 'Asks in which environment, then moves the person as the full command does (admins).',
  examples: ['move Siobhan to business unit Finance'],
  access: 'admin',
  parse: parsePartialMove,
  run: (turn, request) => askFor(turn, moveFlow, request),
};
