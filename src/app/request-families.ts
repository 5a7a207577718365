/**
 * Every kind of request people bring to the bot, next to the command table (feature-table.ts): what
 * it is, how it is phrased, and how the bot answers it. Help (grouped by `group`), routing (a
 * phrasing no command parsed) and declines all come from this one table.
 *
 * A family the bot serves names its commands; one it does not serve (yet) declines with where the
 * thing is done. To serve a family, add its command to the feature table and change the row's
 * `answer` from `declined(…)` to `commands(…)`: nothing else moves.
 *
 * Recognisers see the message with mentions removed, spacing collapsed, curly quotes straightened,
 * trailing punctuation and a polite opening ("please", "can you", "how do I") removed, case kept.
 * Named groups (person, environment, role, app, group, topic) say what the sentence named.
 */
import {
  checkSuggestions, CREATE_ENVIRONMENT, CREATE_USER, DATA_POLICIES, ENVIRONMENT_LIFECYCLE, ENVIRONMENT_SETTINGS,
  OUT_OF_SCOPE, PASSWORDS, STORAGE, type Decline,
} from './declines';
import { CANCEL_WORDS } from './flows';

export type HelpGroup = 'ask' | 'fix' | 'watch' | 'admin';

export const HELP_GROUPS: readonly { group: HelpGroup; title: string }[] = [
  { group: 'ask', title: 'Ask' },
  { group: 'fix', title: 'Fix' },
  { group: 'watch', title: 'Watch' },
  { group: 'admin', title: 'Admin' },
];

/** What a sentence named (a recogniser's named groups), as typed. */
export type Named = Partial<Record<'person' | 'environment' | 'role' | 'app' | 'group' | 'topic', string>>;

/** A button offered with an answer: runs `text` as if it had been typed. */
export interface Suggestion {
  title: string;
  text: string;
}

export type FamilyAnswer =
  /** Served by these commands (names in the feature table, in help order). */
  | ({ kind: 'commands'; commands: readonly string[] } & ServedBy)
  | { kind: 'decline'; decline: Decline }
  /** Small talk: a friendly line and something to try. */
  | { kind: 'chat'; reply: string };

export interface RequestFamily {
  readonly id: string;
  /** What the family is about, in a few words ("Roles", "Why can't someone get in"). */
  readonly title: string;
  readonly group: HelpGroup;
  readonly recognise: readonly RegExp[];
  /** A match counts only when this named part is no environment of the tenant ("open Expense Tracker"). */
  readonly unlessEnvironment?: keyof Named;
  /** A match counts only when this named part is an environment of the tenant ("copy Contoso Production"). */
  readonly ifEnvironment?: keyof Named;
  /**
   * Checked before the command table, for sentences a command parser would otherwise misread ("check who
   * has access to UAT" is no person called "who has access"). Only precise, anchored phrasings pre-empt.
   */
  readonly preempts?: boolean;
  readonly answer: FamilyAnswer;
}

export interface ServedBy {
  /** Buttons filled from what a sentence no command parsed named. */
  suggest?: (named: Named) => Suggestion[];
  /** Replaces a command's first example on "Try it" buttons (null: no button). */
  tryIt?: Readonly<Record<string, string | null>>;
}

export const commands = (names: readonly string[], servedBy: ServedBy = {}): FamilyAnswer => ({ kind: 'commands', commands: names, ...servedBy });
export const declined = (decline: Decline): FamilyAnswer => ({ kind: 'decline', decline });

const P = String.raw`(?<person>.+?)`;
/** A person, not an article: "give Jane the … role", never "give the … role". */
const PERSON = String.raw`(?<person>(?!(?:the|a|an|my|our|this)\b).+?)`;
const E = String.raw`(?<environment>.+?)`;
const IN_ENV = String.raw`(?: (?:in|on|for|to|into|of) (?:the )?${E}(?: environment| env)?)?`;
/** An app's name: anything but "the app" itself, which means the default environment to the diagnosis. */
const APP = String.raw`(?<app>(?!(?:the|a|an|my|our|this|that) (?:app|application)$)\S+(?: \S+)*?)`;
const CANT = String.raw`(?:can'?t|cannot|can not|couldn'?t|could not|is unable to|isn'?t able to|won'?t|doesn'?t|does not)`;

export const REQUEST_FAMILIES: readonly RequestFamily[] = [
  // ---- Served ----------------------------------------------------------------------------------
  {
    id: 'diagnose', title: "Why can't someone get in", group: 'ask',
    recognise: [
      new RegExp(String.raw`^(?:what|which) (?:security )?roles? (?:does|do) ${P} have${IN_ENV}$`, 'i'),
      new RegExp(String.raw`^(?:add|put) ${P} (?:in|into|to) (?:the )?(?<group>.+?) (?:security )?group$`, 'i'),
      /\b(?:access|get in|log ?in|sign ?in|locked out)\b/i,
    ],
    answer: commands(['diagnose', 'diagnose form'], { suggest: checkSuggestions }),
  },
  {
    id: 'environments', title: 'Environments', group: 'ask',
    recognise: [/\b(?:environments?|envs)\b/i],
    answer: commands(['environments'], { suggest: () => [{ title: 'List the environments', text: 'environments' }] }),
  },
  {
    id: 'history', title: 'Sync history', group: 'ask',
    recognise: [/\b(?:history|recent syncs?|past syncs?|last syncs?|sync jobs?|jobs?)\b/i],
    // A job id in an example is nobody's job: "Try it" opens the history, where the real ids are.
    answer: commands(['history', 'job'], { suggest: () => [{ title: 'Recent sync jobs', text: 'history' }], tryIt: { job: null } }),
  },
  {
    id: 'help', title: 'Help', group: 'ask',
    recognise: [/\b(?:what can you do|what do you do|how do (?:i|you) use|commands?|instructions|manual|guide|tutorial)\b/i],
    answer: commands(['help', 'hello'], { suggest: () => [{ title: 'Show what I can do', text: 'help' }], tryIt: { help: null } }),
  },
  {
    id: 'sync', title: 'Sync people into an environment', group: 'fix',
    recognise: [
      new RegExp(String.raw`^(?!.*\broles?\b)(?:add|give|grant|let|get) ${P} (?:access )?(?:to|into|in) (?:the )?${E}(?: environment| env)?$`, 'i'),
      /\b(?:sync|synchroni[sz]e|provision|onboard)\b/i,
    ],
    answer: commands(['sync', 'sync (form)'], {
      suggest: (named) =>
        named.person && named.environment
          ? [{ title: `Sync ${named.person} to ${named.environment}`, text: `sync ${named.person} to ${named.environment}` }, ...checkSuggestions(named)]
          : [{ title: 'Open the sync form', text: 'sync' }],
    }),
  },
  {
    id: 'watch', title: 'Watch a group', group: 'watch',
    recognise: [/\b(?:watch|watching|monitor|keep .+ in sync|auto(?:matically)?[- ]sync)\b/i],
    answer: commands(['watch', 'stop watching', 'watches'], { suggest: () => [{ title: 'Groups I watch', text: 'watches' }], tryIt: { watch: null, 'stop watching': null } }),
  },
  {
    id: 'notify', title: 'Failure notifications', group: 'watch',
    recognise: [/\b(?:notify|notifications?|alerts?|tell me when|let me know when)\b/i],
    answer: commands(['notify here', 'stop notifying here'], { suggest: () => [{ title: 'Notify here', text: 'notify here' }] }),
  },
  {
    id: 'audit', title: 'Audit trail', group: 'admin',
    recognise: [/\b(?:audit|who did|who ran|who synced|activity log|what happened)\b/i],
    answer: commands(['audit'], { suggest: () => [{ title: 'Show the audit trail', text: 'audit' }] }),
  },
  {
    id: 'doctor', title: "The bot's own set-up", group: 'admin',
    recognise: [/\b(?:self[- ]?check|set-?up|configuration|are you (?:ok|working|broken)|your permissions)\b/i],
    answer: commands(['doctor'], { suggest: () => [{ title: 'Check my set-up', text: 'doctor' }] }),
  },

  // ---- Declined: the bot says what it can't do and where it is done --------------------------------
  {
    id: 'group-teams', title: 'Group teams', group: 'fix',
    recognise: [/\bgroup teams?\b/i, /^link\s+.+\s+to\s+/i],
    answer: commands(['link group', 'group teams'], { tryIt: { 'link group': null } }),
  },
  {
    id: 'roles', title: 'Security roles', group: 'fix',
    recognise: [
      new RegExp(String.raw`^(?:give|assign|grant|add) (?:the |a |an )?(?<role>.+?) (?:security )?role to ${PERSON}${IN_ENV}$`, 'i'),
      new RegExp(String.raw`^(?:give|assign|grant|add) ${PERSON} (?:the |a |an )?(?<role>[^,]+?) (?:security )?role${IN_ENV}$`, 'i'),
      new RegExp(String.raw`^make ${P} (?:an? )?(?<role>system administrator|system customi[sz]er|environment maker|basic user)${IN_ENV}$`, 'i'),
      /^(?:assign|change|edit|update|set|manage|grant|remove|list|show) (?:\S+ ){0,4}(?:security )?roles?\b/i,
    ],
    answer: commands(['roles', 'give role', 'remove role'], {
      suggest: (named) =>
        named.person && named.role
          ? [{ title: `Give ${named.person} the ${named.role} role`, text: `give ${named.person} the ${named.role} role${named.environment ? ` in ${named.environment}` : ''}` }]
          : [],
      // Examples name real people: a "Try it" would propose a real change.
      tryIt: { 'give role': null, 'remove role': null },
    }),
  },
  {
    id: 'removal', preempts: true, title: 'Removing people', group: 'fix',
    recognise: [
      new RegExp(String.raw`^(?!.*\broles?\b)(?:remove|delete|kick|take|drop|disable|deactivate|offboard|block|ban) (?:the user |user )?${P} (?:out )?(?:from|of) (?:the )?${E}(?: environment| env)?$`, 'i'),
      new RegExp(String.raw`^(?:revoke|remove|withdraw|cut off|disable) ${P}(?:'s)? access(?: (?:to|from|in|on) (?:the )?${E}(?: environment| env)?)?$`, 'i'),
      new RegExp(String.raw`^(?:disable|deactivate|block) (?:the user |user )?${P} (?:in|on) (?:the )?${E}(?: environment| env)?$`, 'i'),
    ],
    // Served (src/features/access); it still pre-empts so "remove Jane from UAT" is no sync or diagnosis.
    answer: commands(['remove access'], {
      suggest: (named) => (named.person && named.environment ? [{ title: `Remove ${named.person} from ${named.environment}`, text: `remove ${named.person} from ${named.environment}` }] : []),
      tryIt: { 'remove access': null },
    }),
  },
  {
    // An environment only: "who can use Expense Tracker" is the apps feature's "who can open".
    id: 'who-has-access', preempts: true, title: 'Who has access', group: 'ask',
    recognise: [
      new RegExp(String.raw`^(?:check )?who (?:has|have|can|could|is allowed to|are allowed to)(?: got)? (?:access|get in|get into|log ?in|sign ?in|use|see)(?: to| into| in)? (?:the )?${E}(?: environment| env)?$`, 'i'),
      new RegExp(String.raw`^(?:list|show|show me|get|export|give me)(?: all| the| every| of)* (?:users|people|members|everyone|everybody|accounts)(?: who (?:have|has|can) (?:access|get in))? (?:in|of|on|for|with access to) (?:the )?${E}(?: environment| env)?$`, 'i'),
      new RegExp(String.raw`^who(?:'s| is| are) (?:in|on) (?:the )?${E}(?: environment| env)?$`, 'i'),
      new RegExp(String.raw`^how many (?:users|people|members)(?: are there)?(?: are)? (?:in|on|have access to|can access) (?:the )?${E}(?: environment| env)?$`, 'i'),
    ],
    ifEnvironment: 'environment',
    answer: commands(['who has access'], {
      suggest: (named) => (named.environment ? [{ title: `Who has access to ${named.environment}`, text: `who has access to ${named.environment}` }] : [{ title: 'List the environments', text: 'environments' }]),
    }),
  },
  {
    // Served by the apps feature (src/features/apps), whose parsers come before the environment diagnosis.
    id: 'app-access', title: 'Access to one app', group: 'ask',
    recognise: [
      new RegExp(String.raw`^why ${CANT} ${P} (?:open|use|run|launch|start|see|access|get into|load) (?:the )?${APP} (?:app|application|canvas app|model[- ]driven app|power app)$`, 'i'),
      new RegExp(String.raw`^${P} ${CANT} (?:open|use|run|launch|start|see|access|load) (?:the )?${APP} (?:app|application|canvas app|model[- ]driven app|power app)$`, 'i'),
      new RegExp(String.raw`^(?:share|give) (?:the )?${APP} (?:app|application) (?:with|to) ${P}$`, 'i'),
      /^(?:share|sharing|unshare) (?:an? |the |my )?(?:\S+ ){0,3}(?:app|application|canvas app)\b/i,
    ],
    answer: commands(['app access', 'who can open', 'which apps'], {
      suggest: (named) => {
        if (named.person && named.app) return [{ title: `Check ${named.person} for ${named.app}`, text: `why can't ${named.person} open ${named.app}` }];
        if (named.app) return [{ title: `Who can open ${named.app}`, text: `who can open ${named.app}` }];
        if (named.person) return [{ title: `Which apps can ${named.person} open`, text: `which apps can ${named.person} open` }];
        return [];
      },
    }),
  },
  {
    id: 'licences', preempts: true, title: 'Licences', group: 'admin',
    recognise: [
      /^(?:assign|give|add|buy|purchase|remove|revoke|order|request|get|allocate|renew)\b.*\blicen[cs](?:es?|ing)\b/i,
      /^(?:does|do|has|have|is|are|which|what|how many|how much|where|who)\b.*\blicen[cs](?:es?|ed|ing)\b/i,
      /^(?:i|we|they|he|she) (?:need|want|don'?t have|have no) (?:an? |more |some )?(?:\S+ ){0,3}licen[cs]es?\b/i,
    ],
    answer: commands(['licence'], {
      suggest: (named) => (named.person ? [{ title: `Licence for ${named.person}`, text: `licence for ${named.person}` }, ...checkSuggestions(named)] : checkSuggestions(named)),
      tryIt: { licence: null },
    }),
  },
  {
    id: 'business-units', title: 'Business units', group: 'admin',
    recognise: [/\bbusiness units?\b/i],
    answer: commands(['move business unit', 'business units'], { tryIt: { 'move business unit': null } }),
  },
  {
    id: 'create-environment', preempts: true, title: 'Creating environments', group: 'admin',
    recognise: [
      /^(?:create|make|set ?up|provision|spin up|build|request|add)(?: me| us)? (?:a |an |another |one more )?(?:new )?(?:\S+ ){0,3}(?:environment|sandbox|developer environment|dev environment|trial environment|instance)$/i,
      /^(?:new|another) (?:environment|sandbox)\b/i,
    ],
    answer: declined(CREATE_ENVIRONMENT),
  },
  {
    id: 'environment-lifecycle', preempts: true, title: 'Copying, resetting or deleting environments', group: 'admin',
    recognise: [
      new RegExp(String.raw`^(?:copy|reset|back ?up|restore|rename|convert|delete|remove|refresh) (?:the )?${E} (?:environment|env|sandbox)(?: .*)?$`, 'i'),
    ],
    answer: declined(ENVIRONMENT_LIFECYCLE),
  },
  {
    // "copy Contoso Production to UAT": only when it names an environment ("reset my password" does not).
    id: 'environment-lifecycle-by-name', preempts: true, title: 'Copying, resetting or deleting environments', group: 'admin',
    recognise: [new RegExp(String.raw`^(?:copy|back ?up|reset|restore|refresh|delete) (?:the )?${E}(?: (?:to|into|from|over) .+)?$`, 'i')],
    ifEnvironment: 'environment',
    answer: declined(ENVIRONMENT_LIFECYCLE),
  },
  {
    id: 'environment-settings', title: 'Environment settings', group: 'admin',
    recognise: [/\b(?:admin(?:istration)? mode|maintenance mode|background operations|environment settings?|auditing settings?)\b/i],
    answer: declined(ENVIRONMENT_SETTINGS),
  },
  {
    id: 'passwords', title: 'Passwords and sign-in', group: 'ask',
    recognise: [/\b(?:password|passcode|pwd|mfa|multi-?factor|2fa|two-factor|authenticator app|sign-?in methods?)\b/i],
    answer: declined(PASSWORDS),
  },
  {
    id: 'create-user', preempts: true, title: 'Creating users', group: 'admin',
    recognise: [/^(?:create|add|make|set ?up|invite|onboard)(?: a| an)? (?:new )?(?:user|account|guest|external user|employee|starter|joiner)(?: account)?\b/i],
    answer: declined(CREATE_USER),
  },
  {
    id: 'data-policies', title: 'Data policies and connectors', group: 'admin',
    recognise: [/\b(?:dlp|data (?:loss prevention |loss )?polic(?:y|ies)|connectors? (?:is |are )?blocked|blocked connectors?)\b/i],
    answer: declined(DATA_POLICIES),
  },
  {
    id: 'storage', title: 'Capacity and storage', group: 'admin',
    recognise: [/\b(?:capacity|storage|database size|disk space|how much space)\b/i],
    answer: declined(STORAGE),
  },

  // ---- Small talk and everything else -------------------------------------------------------------
  {
    id: 'thanks', title: 'Thanks', group: 'ask',
    recognise: [/^(?:thanks?(?: you)?(?: very much| so much| a lot)?|thx|ty|cheers|many thanks|great|cool|nice|awesome|perfect|brilliant|ok(?:ay)?|got it|sounds good)(?: bot)?$/i],
    answer: { kind: 'chat', reply: "You're welcome. Anything else I can do?" },
  },
  {
    // "cancel" while no question is open (an open one is ended by the dialog runner first).
    id: 'nothing-to-cancel', title: 'Cancel', group: 'ask',
    recognise: [CANCEL_WORDS],
    answer: { kind: 'chat', reply: "There's nothing to cancel: I'm not waiting for an answer from you (a running sync has a Cancel button on its card). What would you like to do?" },
  },
  {
    id: 'who-are-you', title: 'About me', group: 'ask',
    recognise: [/^(?:who|what) are you|^are you (?:a bot|human|a person|real|an? ai)|^what(?:'s| is) your name|^how are you|^good (?:morning|afternoon|evening)|^(?:bye|goodbye|see you|later)$/i],
    answer: { kind: 'chat', reply: "I'm the Dataverse Access Bot: I find out why someone can't get into a Power Platform environment, and I sync Entra users and groups into Dataverse environments. What can I do for you?" },
  },
  {
    id: 'out-of-scope', title: 'Other requests', group: 'ask',
    recognise: [new RegExp(String.raw`\b(?<topic>${OUT_OF_SCOPE.topics.join('|')})\b`, 'i')],
    answer: declined(OUT_OF_SCOPE.decline),
  },
];

/** The command names help shows under `family`, or none for declined and small-talk families. */
export function familyCommands(family: RequestFamily): readonly string[] {
  return family.answer.kind === 'commands' ? family.answer.commands : [];
}

/** What a "Try it" button runs for `command`: its first example, unless its family says otherwise (null: no button). */
export function tryItText(command: { name: string; examples: readonly string[] }, families: readonly RequestFamily[] = REQUEST_FAMILIES): string | null {
  for (const family of families) {
    if (family.answer.kind !== 'commands' || !family.answer.commands.includes(command.name)) continue;
    const override = family.answer.tryIt?.[command.name];
    if (override !== undefined) return override;
  }
  return command.examples[0] ?? null;
}
