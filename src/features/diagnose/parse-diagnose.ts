import { editDistance, straightenQuotes, trimSentence } from '../../app/text';

/** What a person asked: who, where (null = the configured default environment), or everywhere. */
export interface DiagnoseRequest {
  user: string;
  environment: string | null;
  everywhere: boolean;
}

const NEGATION = String.raw`(?:can'?t|cannot|can not|cnat|cant|couldn'?t|could not|won'?t|doesn'?t|does not|isn'?t|is not able to|is unable to)`;
const ACCESS = String.raw`(?:(?:have )?access(?: to)?|get into|get in to|get in|open|use|log ?in(?: to)?|log into|sign ?in(?: to)?|sign into|reach|see|login to|into)`;
const CHECK_WORDS = ['check', 'diagnose'];
/** Nobody in particular: "someone", "a user", "my colleague", "one of our users"… */
const VAGUE_PERSON = String.raw`(?:someone|somebody|anyone|anybody|people|users?|members?|staff|he|she|they|(?:a|an|one|some|our|my|the|new|this|that) (?:new )?(?:user|person|people|users|colleague|colleagues|member|members|starter|joiner|employee|guy|lady|team ?mate|coworker|co-worker|manager|boss|contractor|guest|intern)s?|one of (?:my|our|the) (?:users|people|colleagues|team)|(?:my|our) (?:team|boss|manager))`;
/** Words that fill the person slot in other sentences ("can you see the history"). */
const NOT_A_PERSON = new RegExp(String.raw`^(?:access|me|i|you|we|us|them|it|this|that|everyone|everybody|job .*|${VAGUE_PERSON})$`, 'i');
const ENV_IS_DEFAULT = /^(?:the |our |my )?(?:app|apps|application|environment|env|power app|dataverse|it)$/;

const PATTERNS: { re: RegExp; everywhere?: boolean }[] = [
  { re: new RegExp(String.raw`^why ${NEGATION} (.+?)(?: ${ACCESS}(?: (.+))?)?$`, 'i') },
  { re: new RegExp(String.raw`^why (?:is|are) (.+?) (?:unable|not able) to ${ACCESS}(?: (.+))?$`, 'i') },
  { re: new RegExp(String.raw`^why (?:can|does|is) (.+?) (?:not|no longer) (?:${ACCESS}|have access to|able to ${ACCESS})(?: (.+))?$`, 'i') },
  { re: /^why (?:doesn't|does) (.+?) (?:not )?have access(?: to (.+))?$/i },
  { re: new RegExp(String.raw`^where (?:can|could|does) (.+?) (?:${ACCESS}|go|have access)$`, 'i'), everywhere: true },
  { re: new RegExp(String.raw`^which environments? (?:can|could|does) (.+?) (?:${ACCESS}|have access to)$`, 'i'), everywhere: true },
  { re: /^(?:check|diagnose) (?:access (?:for|of) )?(.+?)(?:'s access)? (?:everywhere|in all environments|across all environments|in every environment)$/i, everywhere: true },
  { re: new RegExp(String.raw`^(?:can|could) (.+?) ${ACCESS}(?: (.+))?$`, 'i') },
  { re: new RegExp(String.raw`^is (.+?) able to ${ACCESS}(?: (.+))?$`, 'i') },
  { re: /^does (.+?) have access(?: to (.+))?$/i },
  { re: /^(?:check|diagnose) (?:access (?:for|of) )?(.+?)(?:'s access)?(?: (?:in|on|for|against|to|access to|access in) (.+))?$/i },
  // Statements: "Jane can't get into UAT", "Jane has no access to UAT", "Jane is locked out of UAT".
  { re: new RegExp(String.raw`^(.+?) ${NEGATION} ${ACCESS}(?: (.+))?$`, 'i') },
  { re: /^(.+?) (?:has|have|got) no access(?: to (.+))?$/i },
  { re: /^(.+?) (?:is|are|gets?|got) (?:locked out|blocked|denied)(?: (?:of|from|in|to) (.+))?$/i },
];

/** Fixes a misspelt first word of the verb-less forms ("chekc Jane in UAT", "diagnoes Jane"). */
function fixLeadingTypo(text: string): string {
  const [first = '', ...rest] = text.split(' ');
  const lower = first.toLowerCase();
  if (rest.length === 0 || CHECK_WORDS.includes(lower)) return text;
  const match = CHECK_WORDS.find((word) => lower[0] === word[0] && editDistance(lower, word) <= (word.length >= 5 ? 2 : 1));
  return match ? [match, ...rest].join(' ') : text;
}

function cleanUser(raw: string): string {
  return raw
    .replace(/<at>(.*?)<\/at>/gi, '$1')
    .replace(/^@/, '')
    .replace(/^["']+|["']+$/g, '')
    .replace(/'s$/i, '')
    .trim();
}

function cleanEnvironment(raw: string | undefined): string | null {
  if (!raw) return null;
  const env = raw
    .replace(/^["']+|["']+$/g, '')
    .replace(/^(?:the|our|my)\s+/i, '')
    .replace(/\s+(?:environment|env)$/i, '')
    .replace(/^["']+|["']+$/g, '')
    .trim();
  if (env === '' || ENV_IS_DEFAULT.test(env.toLowerCase()) || ENV_IS_DEFAULT.test(raw.trim().toLowerCase())) return null;
  return env;
}

/**
 * Parses "why can't Jane access the app", "check Jane in UAT", "where can Jane get in", … The text
 * keeps its case (names are resolved case-insensitively later); mentions and quotes are stripped.
 */
export function parseDiagnose(input: string): DiagnoseRequest | null {
  const text = fixLeadingTypo(
    trimSentence(straightenQuotes(input.replace(/<at>(.*?)<\/at>/gi, '$1')))
      .replace(/^(?:please|pls|hey|hi|ok|so)[,]? /i, '')
      .replace(/ please$/i, ''),
  );
  for (const { re, everywhere } of PATTERNS) {
    const m = re.exec(text);
    if (!m?.[1]) continue;
    const user = cleanUser(m[1]);
    if (user === '' || NOT_A_PERSON.test(user)) continue;
    return { user, environment: everywhere ? null : cleanEnvironment(m[2]), everywhere: everywhere ?? false };
  }
  return null;
}

/** A complaint that names nobody in particular: who is asked for in a dialog. `self`: the speaker ("I can't get in"). */
export interface VagueDiagnoseRequest {
  environment: string | null;
  self: boolean;
}

const VAGUE: { re: RegExp; self?: boolean }[] = [
  { re: new RegExp(String.raw`^(?:why )?${VAGUE_PERSON} ${NEGATION} ${ACCESS}(?: (.+))?$`, 'i') },
  { re: new RegExp(String.raw`^why ${NEGATION} ${VAGUE_PERSON} ${ACCESS}(?: (.+))?$`, 'i') },
  { re: new RegExp(String.raw`^${VAGUE_PERSON} (?:has|have|got) no access(?: to (.+))?$`, 'i') },
  { re: new RegExp(String.raw`^${VAGUE_PERSON} (?:is|are|gets?|got) (?:locked out|blocked|denied)(?: (?:of|from|in|to) (.+))?$`, 'i') },
  { re: /^(?:an? |the )?(?:access|log ?in|login|sign[- ]?in|permissions?) (?:problem|issue|request|question|error)s?(?: (?:in|with|for|on|to) (.+))?$/i },
  { re: /^(?:i|we) (?:have|got|need help with) an? (?:access|log ?in|login|sign[- ]?in) (?:problem|issue)(?: (?:in|with|for|on|to) (.+))?$/i },
  { re: /^(?:check|diagnose|test) (?:someone|somebody|a user|a person|access for someone)$/i },
  { re: new RegExp(String.raw`^(?:why )?(?:i|we) ${NEGATION} ${ACCESS}(?: (.+))?$`, 'i'), self: true },
  { re: new RegExp(String.raw`^why ${NEGATION} (?:i|we) ${ACCESS}(?: (.+))?$`, 'i'), self: true },
];

/** "Someone can't get into UAT", "a user has no access", "I can't log in": a diagnosis whose person is still to be asked. */
export function parseVagueDiagnose(input: string): VagueDiagnoseRequest | null {
  const text = trimSentence(straightenQuotes(input)).replace(/^(?:please|pls|hey|hi|ok|so|help)[,!]? /i, '');
  for (const { re, self } of VAGUE) {
    const m = re.exec(text);
    if (m) return { environment: cleanEnvironment(m[1]), self: self ?? false };
  }
  return null;
}

/** A request as it would be typed: `why can't Jane access UAT`, `check Jane everywhere` (no environment: the default one). */
export function diagnoseText(request: DiagnoseRequest): string {
  if (request.everywhere) return `check ${request.user} everywhere`;
  return `why can't ${request.user} access${request.environment ? ` ${request.environment}` : ''}`;
}
