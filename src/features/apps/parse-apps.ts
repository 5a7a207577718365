import { straightenQuotes, trimSentence } from '../../app/text';

/** "Why can't Jane open Expense Tracker (in UAT | everywhere)": who, which app (null = "the app"), where. */
export interface AppRequest {
  user: string;
  /** null: "the app" (DEFAULT_APP, else DEFAULT_ENVIRONMENT, else the bot asks which app). */
  app: string | null;
  environment: string | null;
  everywhere: boolean;
  /** The name may be an environment's ("why can't Jane open UAT"): then the environment is checked. */
  mayBeEnvironment: boolean;
}

/** "Who can open Expense Tracker (in UAT)". */
export interface WhoCanOpenRequest {
  app: string;
  environment: string | null;
}

/** "Which apps can Jane open (in UAT)". */
export interface WhichAppsRequest {
  user: string;
  environment: string | null;
}

const NEGATION = String.raw`(?:can'?t|cannot|can not|couldn'?t|could not|won'?t|doesn'?t|does not|isn'?t able to|is not able to|is unable to)`;
/** Verbs people use for apps: the thing opened may be an app or an environment. */
const OPEN = String.raw`(?:open|run|launch|start|load|use)`;
/** Verbs people use for environments too: the thing must say it is an app ("the Expense app"). */
const ACCESS = String.raw`(?:access|get into|get in to|see|log ?in(?:to)?|sign ?in(?:to)?)`;
const APP_WORD = String.raw`(?:app|application|canvas app|model[- ]driven app|power ?app)`;
const P = String.raw`(?<person>.+?)`;
const ANY = String.raw`(?:the )?(?<target>.+?)`;
const NAMED_APP = String.raw`(?:the )?(?<target>(?:.+? )?${APP_WORD})`;
const WHERE = String.raw`(?:(?<everywhere> everywhere| anywhere| in all environments| in every environment| in any environment)| (?:in|on) (?:the )?(?<environment>.+?)(?: environment| env)?)?`;

const APP_PATTERNS: { re: RegExp; named: boolean }[] = [
  { re: new RegExp(String.raw`^why ${NEGATION} ${P} ${OPEN} ${ANY}${WHERE}$`, 'i'), named: false },
  { re: new RegExp(String.raw`^why ${NEGATION} ${P} ${ACCESS} ${NAMED_APP}${WHERE}$`, 'i'), named: true },
  { re: new RegExp(String.raw`^(?:can|could) ${P} ${OPEN} ${ANY}${WHERE}$`, 'i'), named: false },
  { re: new RegExp(String.raw`^(?:can|could) ${P} ${ACCESS} ${NAMED_APP}${WHERE}$`, 'i'), named: true },
  { re: new RegExp(String.raw`^is ${P} able to ${OPEN} ${ANY}${WHERE}$`, 'i'), named: false },
  { re: new RegExp(String.raw`^${P} ${NEGATION} ${OPEN} ${ANY}${WHERE}$`, 'i'), named: false },
  { re: new RegExp(String.raw`^${P} ${NEGATION} ${ACCESS} ${NAMED_APP}${WHERE}$`, 'i'), named: true },
  { re: new RegExp(String.raw`^(?:check|diagnose) ${P}(?:'s access)? (?:to|for|on|in|with) ${NAMED_APP}${WHERE}$`, 'i'), named: true },
];

const WHO_PATTERNS: RegExp[] = [
  new RegExp(String.raw`^(?:check )?who (?:can|could|is able to|is allowed to|may) (?:open|run|launch|use|access|see|get into) ${ANY}${WHERE}$`, 'i'),
  new RegExp(String.raw`^(?:check )?who has access to ${NAMED_APP}${WHERE}$`, 'i'),
  new RegExp(String.raw`^who (?:is|are) (?:the )?(?<target>.+?) (?:app )?shared with${WHERE}$`, 'i'),
];

const WHICH_PATTERNS: RegExp[] = [
  new RegExp(String.raw`^(?:which|what) apps? (?:can|could|does|do) ${P} (?:open|use|run|access|see|get into|have access to)${WHERE}$`, 'i'),
  new RegExp(String.raw`^(?:list|show)(?: me)? ${P}'s apps${WHERE}$`, 'i'),
];

/** Names that are nobody in particular: a dialog asks for those (src/features/diagnose). */
const NOT_A_PERSON = /^(?:i|we|you|they|he|she|it|someone|somebody|anyone|anybody|everyone|everybody|people|users?|a user|the user|my (?:colleague|boss|manager)|who)$/i;
/** "the app", "app", "the application", "it": the configured app. */
const DEFAULT_APP = /^(?:(?:the|our|my) )?(?:app|apps|application|power ?app|it)$/i;
/** Verb-less leftovers a target must not be ("why can't Jane open up"). */
const NOT_A_TARGET = /^(?:up|in|it|this|that|anything|nothing)$/i;

function clean(input: string): string {
  return trimSentence(straightenQuotes(input.replace(/<at>(.*?)<\/at>/gi, '$1')))
    .replace(/^(?:please|pls|hey|hi|ok|so)[,]? /i, '')
    .replace(/ please$/i, '');
}

const unquote = (value: string): string => value.replace(/^["'@]+|["']+$/g, '').replace(/'s$/i, '').trim();

function whereOf(groups: Record<string, string | undefined>): { environment: string | null; everywhere: boolean } {
  const environment = groups.environment ? unquote(groups.environment) : '';
  return { environment: environment === '' ? null : environment, everywhere: groups.everywhere !== undefined };
}

/** "why can't Jane open Expense Tracker", "can Jane use Field Inspection", "why can't Jane access the Expense app in UAT". */
export function parseAppAccess(input: string): AppRequest | null {
  const text = clean(input);
  for (const { re, named } of APP_PATTERNS) {
    const groups = re.exec(text)?.groups;
    if (!groups?.person || !groups.target) continue;
    const user = unquote(groups.person);
    const target = unquote(groups.target);
    if (user === '' || NOT_A_PERSON.test(user) || NOT_A_TARGET.test(target)) continue;
    const isDefault = DEFAULT_APP.test(target);
    return { user, app: isDefault ? null : target, ...whereOf(groups), mayBeEnvironment: !named && !isDefault };
  }
  return null;
}

/** The first pattern whose named part (cleaned) `read` accepts: the request it makes, else null. */
function firstReading<R>(input: string, patterns: readonly RegExp[], part: 'target' | 'person', read: (value: string, environment: string | null) => R | null): R | null {
  const text = clean(input);
  for (const re of patterns) {
    const groups = re.exec(text)?.groups;
    const value = groups?.[part] ? unquote(groups[part]) : '';
    const request = groups && value !== '' ? read(value, whereOf(groups).environment) : null;
    if (request) return request;
  }
  return null;
}

/** "who can open Expense Tracker", "who has access to the Field Inspection app in Field Inspections". */
export function parseWhoCanOpen(input: string): WhoCanOpenRequest | null {
  return firstReading(input, WHO_PATTERNS, 'target', (app, environment) => (NOT_A_TARGET.test(app) || DEFAULT_APP.test(app) ? null : { app, environment }));
}

/** "which apps can Jane open in UAT", "show Jane's apps in UAT". */
export function parseWhichApps(input: string): WhichAppsRequest | null {
  return firstReading(input, WHICH_PATTERNS, 'person', (user, environment) => (NOT_A_PERSON.test(user) ? null : { user, environment }));
}

/** A request as it would be typed: what choice buttons run. */
export function appRequestText(request: Pick<AppRequest, 'user' | 'app' | 'environment' | 'everywhere'>): string {
  const where = request.everywhere ? ' everywhere' : request.environment ? ` in ${request.environment}` : '';
  return `why can't ${request.user} open ${request.app ?? 'the app'}${where}`;
}

export function whoCanOpenText(request: WhoCanOpenRequest): string {
  return `who can open ${request.app}${request.environment ? ` in ${request.environment}` : ''}`;
}

export function whichAppsText(request: WhichAppsRequest): string {
  return `which apps can ${request.user} open${request.environment ? ` in ${request.environment}` : ''}`;
}
