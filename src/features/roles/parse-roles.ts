import { trimSentence } from '../../app/text';
import { unquote } from '../../domain/resolve';

export interface ListRolesRequest {
  environment: string;
}

export interface RoleChangeRequest {
  change: 'give' | 'remove';
  person: string;
  role: string;
  environment: string;
}

const IN = String.raw`(?:in|on|for)`;
const ENV = String.raw`(?<environment>.+)`;

const LIST = new RegExp(String.raw`^(?:(?:list|show|show me)\s+(?:the\s+)?)?(?:security\s+)?roles\s+(?:${IN}\s+)?(?:the\s+)?${ENV}$`, 'i');

/** The phrasings of giving a role, most specific first (an article separates the person from the role when there is one). */
const GIVE = [
  new RegExp(String.raw`^(?:give|grant|assign)\s+(?<person>.+?)\s+(?:the\s+)?(?:security\s+)?role\s+(?<role>.+?)\s+${IN}\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:give|grant|assign)\s+(?<person>.+?)\s+(?:the|a|an)\s+(?<role>.+?)\s+(?:security\s+)?role\s+${IN}\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:give|grant|assign|add)\s+(?:the\s+|a\s+|an\s+)?(?<role>.+?)\s+(?:security\s+)?role\s+to\s+(?<person>.+?)\s+${IN}\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:give|grant|assign)\s+(?<person>.+?)\s+(?<role>.+?)\s+(?:security\s+)?role\s+${IN}\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^assign\s+(?<role>.+?)\s+to\s+(?<person>.+?)\s+${IN}\s+${ENV}$`, 'i'),
];

const REMOVE = [
  new RegExp(String.raw`^(?:remove|revoke|take\s+away|take)\s+(?:the\s+)?(?:security\s+)?role\s+(?<role>.+?)\s+from\s+(?<person>.+?)\s+${IN}\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:remove|revoke|take\s+away|take)\s+(?:the\s+)?(?<role>.+?)\s+(?:security\s+)?role\s+from\s+(?<person>.+?)\s+${IN}\s+${ENV}$`, 'i'),
  new RegExp(String.raw`^(?:unassign|revoke)\s+(?<role>.+?)\s+from\s+(?<person>.+?)\s+${IN}\s+${ENV}$`, 'i'),
];

/** `roles in UAT`, `security roles UAT`, `list the roles in UAT`. */
export function parseListRoles(text: string): ListRolesRequest | null {
  const environment = unquote(LIST.exec(trimSentence(text))?.groups?.environment ?? '');
  return environment === '' ? null : { environment };
}

/** `give Jane the Finance Clerk role in UAT`, `assign the Finance Clerk role to Jane in UAT`, `remove the Finance Clerk role from Jane in UAT`. */
export function parseRoleChange(text: string): RoleChangeRequest | null {
  const sentence = trimSentence(text);
  for (const [change, patterns] of [['give', GIVE], ['remove', REMOVE]] as const) {
    for (const pattern of patterns) {
      const groups = pattern.exec(sentence)?.groups;
      const request = groups && { change, person: unquote(groups.person ?? ''), role: unquote(groups.role ?? ''), environment: unquote(groups.environment ?? '') };
      if (request && request.person !== '' && request.role !== '' && request.environment !== '') return request;
    }
  }
  return null;
}

/** The chat command for a request, e.g. for a choice button with one part replaced by an exact id or name. */
export function roleChangeText(request: RoleChangeRequest): string {
  return request.change === 'give'
    ? `give ${request.person} the ${request.role} role in ${request.environment}`
    : `remove the ${request.role} role from ${request.person} in ${request.environment}`;
}
