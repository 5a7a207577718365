import { unquote } from '../../domain/resolve';
import { plainSentence } from '../access/parse-access';
import type { LicenceRequest } from './plan-licence';

const ENV = String.raw`(?:\s+(?:in|for|on)\s+(?<environment>.+?))?`;
const CHOICE = String.raw`(?:\s+using\s+(?<choice>(?:group|direct):[0-9a-f-]{36}))?`;
/** `a licence`, `a Power Apps license`, `a Dataverse licence`. */
const LICENCE = String.raw`(?:an?\s+)?(?:(?:power\s*apps|premium|dataverse|dynamics(?:\s+365)?)\s+)*licen[cs]e`;

/** The phrasings, each with the person in `person` and optionally the environment (for the sync after it). */
const PATTERNS = [
  new RegExp(String.raw`^licen[cs]e\s+for\s+(?<person>.+?)${ENV}${CHOICE}$`, 'i'),
  new RegExp(String.raw`^(?:assign|give|get)\s+${LICENCE}\s+(?:to|for)\s+(?<person>.+?)${ENV}${CHOICE}$`, 'i'),
  new RegExp(String.raw`^(?:assign|give|get)\s+(?<person>.+?)\s+${LICENCE}${ENV}${CHOICE}$`, 'i'),
  new RegExp(String.raw`^(?:does|do|has)\s+(?<person>.+?)\s+(?:have|has|got)\s+${LICENCE}${ENV}$`, 'i'),
  new RegExp(String.raw`^fix\s+(?:the\s+licen[cs]e\s+(?:of|for)\s+(?<person>.+?)|(?<owner>.+?)'s\s+licen[cs]e)${ENV}${CHOICE}$`, 'i'),
];

/** `licence for Jane`, `assign a licence to Jane in UAT`, `give Lucas a licence`, `does Lucas have a licence`, `fix Lucas's licence in UAT`. */
export function parseLicence(text: string): LicenceRequest | null {
  const sentence = plainSentence(text);
  for (const pattern of PATTERNS) {
    const groups = pattern.exec(sentence)?.groups;
    const person = unquote(groups?.person ?? groups?.owner ?? '');
    if (!groups || person === '' || /\blicen[cs]e\b/i.test(person)) continue;
    const environment = unquote(groups.environment ?? '');
    return { person, environment: environment === '' ? null : environment, choice: groups.choice?.toLowerCase() ?? null };
  }
  return null;
}
