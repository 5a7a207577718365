import { trimSentence } from '../../app/text';
import { unquote } from '../../domain/resolve';
import type { RemoveAccessRequest } from './remove-access';
import type { WhoHasAccessRequest } from './who-has-access';

const ENV = String.raw`(?:the\s+)?(?<environment>.+?)(?:\s+(?:environment|env))?`;

const WHO = [
  new RegExp(String.raw`^(?:check\s+)?who\s+(?:has|have|can|could)(?:\s+got)?\s+(?:access|get\s+in|get\s+into|log\s*in|sign\s*in)(?:\s+(?:to|into|in))?\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:list|show|show\s+me|get)(?:\s+(?:all|the|every|of))*\s+(?:users|people|members|everyone|everybody)(?:\s+who\s+(?:have|has|can)\s+(?:access|get\s+in))?\s+(?:in|of|on|for|with\s+access\s+to)\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^who(?:'s|\s+is|\s+are)\s+(?:in|on)\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^how\s+many\s+(?:users|people|members)(?:\s+are\s+there)?(?:\s+are)?\s+(?:in|on|have\s+access\s+to|can\s+access)\s+${ENV}$`, 'i'),
];

const REMOVE = [
  new RegExp(String.raw`^(?:remove|kick|take|drop|offboard|delete)\s+(?:the\s+user\s+|user\s+)?(?<person>.+?)\s+(?:out\s+)?(?:from|of)\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:disable|deactivate|block)\s+(?:the\s+user\s+|user\s+)?(?<person>.+?)\s+(?:in|on)\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:revoke|remove|withdraw)\s+(?<person>.+?)(?:'s)?\s+access\s+(?:to|from|in|on)\s+${ENV}$`, 'i'),
];

/** The sentence without a polite opening ("please take Tom out of UAT"). */
export const plainSentence = (text: string): string => trimSentence(text).replace(/^(?:please|pls|kindly)[,]?\s+/i, '');

/** "the Field Inspection app", "the Expense Tracker model-driven app in UAT": an app, never an environment (the apps feature answers). */
const SAYS_APP = /\S\s+\(?(?:app|application|canvas app|model[- ]driven app|power ?app)\)?(?:\s+(?:in|on)\s+\S.*)?$/i;

/** `who has access to UAT`, `list the people in UAT`, `who's in UAT`, `how many users are in UAT`; not `who has access to the Field Inspection app`. */
export function parseWhoHasAccess(text: string): WhoHasAccessRequest | null {
  const sentence = plainSentence(text);
  for (const pattern of WHO) {
    const environment = unquote(pattern.exec(sentence)?.groups?.environment ?? '');
    if (SAYS_APP.test(environment)) return null;
    if (environment !== '') return { environment };
  }
  return null;
}

/** `remove Jane from UAT`, `revoke Jane's access to UAT`; never a role (`remove the X role from Jane in UAT` is the roles feature's). */
export function parseRemoveAccess(text: string): RemoveAccessRequest | null {
  const sentence = plainSentence(text);
  for (const pattern of REMOVE) {
    const groups = pattern.exec(sentence)?.groups;
    const person = unquote(groups?.person ?? '');
    const environment = unquote(groups?.environment ?? '');
    if (person === '' || environment === '' || /\broles?\b/i.test(person) || /\s(?:in|on)\s/i.test(environment)) continue;
    return { person, environment };
  }
  return null;
}
