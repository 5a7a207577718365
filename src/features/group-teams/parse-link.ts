import { trimSentence } from '../../app/text';
import { unquote } from '../../domain/resolve';

/** membershiptype (§3.4, §11): 0 members and guests, 1 members, 2 owners, 3 guests. */
export type MembershipType = 0 | 1 | 2 | 3;

export const MEMBERSHIP_LABELS: Record<MembershipType, string> = { 0: 'Members and guests', 1: 'Members', 2: 'Owners', 3: 'Guests' };

export interface LinkRequest {
  group: string;
  environment: string;
  role: string;
  membershipType: MembershipType;
}

export interface ListGroupTeamsRequest {
  environment: string;
}

const MEMBERSHIP: [RegExp, MembershipType][] = [
  [/\s+(?:for\s+)?members\s+and\s+guests$/i, 0],
  [/\s+(?:for\s+)?(?:members\s+only|only\s+members|members)$/i, 1],
  [/\s+(?:for\s+)?(?:owners\s+only|only\s+owners|owners)$/i, 2],
  [/\s+(?:for\s+)?(?:guests\s+only|only\s+guests|guests)$/i, 3],
];

const LINK = /^link\s+(?:the\s+)?(?:group\s+)?(?<group>.+?)\s+(?:to|with)\s+(?<environment>.+?)\s+(?:as|with\s+(?:the\s+)?(?:security\s+)?role)\s+(?<role>.+?)(?:\s+(?:security\s+)?role)?$/i;
const LIST = /^(?:(?:list|show)\s+(?:the\s+)?)?group\s+teams\s+(?:(?:in|on|of|for)\s+)?(?:the\s+)?(?<environment>.+)$/i;

/** `link Financial Coordinators to UAT as Finance Clerk [members only | owners | guests | members and guests]` (pac admin assign-group, §1.7). */
export function parseLink(text: string): LinkRequest | null {
  let rest = trimSentence(text);
  let membershipType: MembershipType = 0;
  for (const [pattern, type] of MEMBERSHIP) {
    if (pattern.test(rest)) {
      rest = rest.replace(pattern, '');
      membershipType = type;
      break;
    }
  }
  const groups = LINK.exec(rest)?.groups;
  const request = groups && { group: unquote(groups.group ?? ''), environment: unquote(groups.environment ?? ''), role: unquote(groups.role ?? ''), membershipType };
  return request && request.group !== '' && request.environment !== '' && request.role !== '' ? request : null;
}

export function parseListGroupTeams(text: string): ListGroupTeamsRequest | null {
  const environment = unquote(LIST.exec(trimSentence(text))?.groups?.environment ?? '');
  return environment === '' ? null : { environment };
}

const MEMBERSHIP_WORDS: Record<MembershipType, string> = { 0: '', 1: ' members only', 2: ' owners', 3: ' guests' };

export const linkText = (request: LinkRequest): string => `link ${request.group} to ${request.environment} as ${request.role}${MEMBERSHIP_WORDS[request.membershipType]}`;
