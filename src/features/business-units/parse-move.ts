import { trimSentence } from '../../app/text';
import { unquote } from '../../domain/resolve';

export interface MoveRequest {
  person: string;
  businessUnit: string;
  environment: string;
}

export interface ListUnitsRequest {
  environment: string;
}

const ENV = String.raw`(?:in|on|for)\s+(?<environment>.+)`;
const MOVE = [
  new RegExp(String.raw`^(?:move|transfer|put)\s+(?<person>.+?)\s+(?:to|into|in)\s+(?:the\s+)?business\s+unit\s+(?<unit>.+?)\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:move|transfer|put)\s+(?<person>.+?)\s+(?:to|into|in)\s+(?:the\s+)?(?<unit>.+?)\s+business\s+unit\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:change|set)\s+(?<person>.+?)(?:'s|s')\s+business\s+unit\s+to\s+(?<unit>.+?)\s+${ENV}$`, 'i'),
];
const LIST = new RegExp(String.raw`^(?:(?:list|show)\s+(?:the\s+)?)?business\s+units\s+(?:(?:in|on|of|for)\s+)?(?:the\s+)?(?<environment>.+)$`, 'i');

/** `move Jane to business unit Finance in UAT`, `move Jane to the Finance business unit in UAT`, `change Jane's business unit to Finance in UAT`. */
export function parseMove(text: string): MoveRequest | null {
  const sentence = trimSentence(text);
  for (const pattern of MOVE) {
    const groups = pattern.exec(sentence)?.groups;
    if (!groups) continue;
    const request = { person: unquote(groups.person ?? ''), businessUnit: unquote(groups.unit ?? ''), environment: unquote(groups.environment ?? '') };
    if (request.person !== '' && request.businessUnit !== '' && request.environment !== '') return request;
  }
  return null;
}

export function parseListUnits(text: string): ListUnitsRequest | null {
  const environment = unquote(LIST.exec(trimSentence(text))?.groups?.environment ?? '');
  return environment === '' ? null : { environment };
}

export const moveText = (request: MoveRequest): string => `move ${request.person} to business unit ${request.businessUnit} in ${request.environment}`;
