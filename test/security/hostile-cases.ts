/**
 * The hostile and broken input corpus (issue 6): what arrives, from whom, and the answer expected.
 * Every case must also call nothing it should not, change nothing, and leave the bot serving the
 * next request (checked in hostile-input.test.ts).
 */
import type { Activity } from 'botbuilder';
import type { TestUser } from '../helpers/bot-harness';
import { buttonData } from '../sync/helpers/run-group-sync';
import { ANONYMOUS, HELPDESK, JANE, OTHER_TENANT, PLAIN, UAT } from './helpers/watch';

export type HostileInput =
  | { text: string }
  | { invoke: string; data: Record<string, unknown> }
  /** A legacy Action.Submit: `value` exactly as given (may be any JSON). */
  | { submitValue: unknown }
  | { activity: Partial<Activity> };

/** What a case may do first, as the admin, to get into the state it attacks (not itself checked). */
export interface Preparation {
  /** Clicks a button as ADMIN and returns that answer's card. */
  click(verb: string, data: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  advanceClock(ms: number): void;
}

export interface HostileCase {
  name: string;
  /** Either the input itself, or how to get it after preparing the state. */
  input: HostileInput | ((prepare: Preparation) => Promise<HostileInput>);
  from?: TestUser;
  /** What the person is told (matched against messages, card text and invoke text together). */
  answer: RegExp;
  /** Read-only Microsoft calls are fine unless this says none at all. */
  noMicrosoftCalls?: boolean;
  /**
   * A defect in another part of the bot, reported with this description. The case runs as a
   * failing test: it starts passing (and the test run tells you to drop this) once fixed.
   */
  knownGap?: string;
  /**
   * Answered about as fast as a short message the bot does not understand (a ratio, see hostile-input.test.ts): a parser
   * that is slow on long input blocks for seconds.
   */
  quick?: boolean;
}

/** A GUID that is no object of the Contoso tenant (another tenant's user, group or environment). */
const FOREIGN = '0f0f0f0f-1111-4222-8333-444444444444';
const FOREIGN_CONFIRMATION = '5a5a5a5a-6b6b-4c7c-8d8d-9e9e9e9e9e9e';
const OMAR = '9a2d1e0d-abab-429f-bed0-8c2c685e5b65';

const NOT_FOUND_PERSON = /couldn't find anyone|can't find a group or person|no longer exists in Entra ID/;
const NOT_FOUND_ENV = /can't find an environment called|There is no environment called|That environment no longer exists/;
const DID_NOT_UNDERSTAND = /I didn't understand/;
const INVALID_BUTTON = /did nothing|not valid|no valid|missing a valid|Please start again|Run the check again|fill in|could not read/i;
const ONLY_ADMINS = /Only members of Dataverse Access Bot Admins can do this/;
const NOT_ALLOWED = /not allowed to use this bot yet/;

const big = (size: number, unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

export const HOSTILE_CASES: HostileCase[] = [
  // --- OData / URL injection in names (must be matched literally, never change a query) ---
  { name: "OData `' or 1 eq 1` as a person", input: { text: "why can't ' or 1 eq 1 access UAT" }, answer: NOT_FOUND_PERSON },
  { name: 'OData quote-escape break-out in a person', input: { text: "why can't x') or startswith(displayName,'a access UAT" }, answer: NOT_FOUND_PERSON },
  { name: '%27 (encoded quote) in a person', input: { text: "why can't jane%27 or 1 eq 1 access UAT" }, answer: NOT_FOUND_PERSON },
  { name: '$filter= in a person', input: { text: "why can't $filter=accountEnabled eq true access UAT" }, answer: NOT_FOUND_PERSON },
  { name: '&$select=* appended to a UPN', input: { text: "why can't jane.doe@contoso.com&$select=* access UAT" }, answer: NOT_FOUND_PERSON },
  { name: 'path traversal in a person', input: { text: "why can't ../../users access UAT" }, answer: NOT_FOUND_PERSON },
  { name: 'URL fragment and query in a person', input: { text: "why can't jane?x=1#frag access UAT" }, answer: NOT_FOUND_PERSON },
  { name: 'OData injection in an environment', input: { text: "why can't jane.doe@contoso.com access UAT' or 1 eq 1" }, answer: NOT_FOUND_ENV },
  { name: 'OData injection in a group to sync', input: { text: "sync ' or 1 eq 1 to UAT" }, answer: NOT_FOUND_PERSON },
  { name: 'OData injection in a sync environment', input: { text: 'sync Financial Coordinators to $filter=1' }, answer: NOT_FOUND_ENV },
  { name: 'injection in "check … everywhere"', input: { text: "check ' or ''=' everywhere" }, answer: NOT_FOUND_PERSON },
  { name: 'SQL-looking text in audit filter', input: { text: "audit user '; DROP TABLE audit_log; --" }, answer: /Audit trail[\s\S]*No audit entries match/ },
  { name: 'LIKE wildcard in audit filter', input: { text: 'audit env %' }, answer: /No audit entries match/ },
  { name: 'OData injection in a job id', input: { text: "job ' or 1 eq 1" }, answer: /Did you mean: Recent sync jobs\?/, noMicrosoftCalls: true },

  // --- GUIDs of objects in another tenant ---
  { name: "another tenant's user id as the person", input: { text: `why can't ${FOREIGN} access UAT` }, answer: NOT_FOUND_PERSON },
  { name: "another tenant's user id to sync", input: { text: `sync ${FOREIGN} to UAT` }, answer: NOT_FOUND_PERSON },
  { name: "another tenant's environment id", input: { text: `why can't jane.doe@contoso.com access ${FOREIGN}` }, answer: NOT_FOUND_ENV },
  { name: "another tenant's default environment", input: { text: `sync jane.doe@contoso.com to Default-${FOREIGN}` }, answer: NOT_FOUND_ENV },
  { name: 'a user of another domain', input: { text: "why can't jane.doe@fabrikam.com access UAT" }, answer: NOT_FOUND_PERSON },

  // --- Size ---
  {
    name: '10 KB person name',
    input: { text: `why can't ${big(10_000, 'a')} access UAT` },
    answer: /That message is too long for me \(10,\d{3} characters\)/,
    noMicrosoftCalls: true,
  },
  {
    name: '100 KB sync request',
    input: { text: `sync ${big(100_000, 'Jane, ')} to UAT` },
    answer: /That message is too long for me \(100,\d{3} characters\)/,
    noMicrosoftCalls: true,
  },
  { name: 'a 300-character person in a diagnosis', input: { text: `why can't ${big(300, 'c')} access UAT` }, answer: /That name is too long \(300 characters, at most 256\)/, noMicrosoftCalls: true },
  { name: 'a 300-character environment in a diagnosis', input: { text: `why can't Jane access ${big(300, 'e')}` }, answer: /That environment name is too long \(300 characters/, noMicrosoftCalls: true },
  { name: 'a 300-character name to sync', input: { text: `sync ${big(300, 'b')} to UAT` }, answer: /That name is too long \(300 characters, at most 256\)/, noMicrosoftCalls: true },
  { name: 'a 300-character environment to sync into', input: { text: `sync Jane Doe to ${big(300, 'u')}` }, answer: /That environment name is too long \(300 characters/, noMicrosoftCalls: true },
  { name: '60 people named in one sync', input: { text: `sync ${Array.from({ length: 60 }, (_, i) => `p${i}`).join(', ')} to UAT` }, answer: /too many people for one message \(60, at most 50\)/, noMicrosoftCalls: true },
  { name: '100 KB audit filter', input: { text: `audit user ${big(100_000, 'x')}` }, answer: /That message is too long for me/, noMicrosoftCalls: true },

  // --- Control, zero-width, emoji, right-to-left ---
  // Control characters become spaces and invisible ones are dropped before parsing: what is left is what the person sees.
  { name: 'NUL and BEL around help', input: { text: '\u0000help\u0007' }, answer: /What I can do/, noMicrosoftCalls: true },
  { name: 'ANSI escape sequence', input: { text: '\u001b[31mhelp\u001b[0m' }, answer: /didn't understand[\s\S]*\*\*help\*\*/, noMicrosoftCalls: true },
  { name: 'zero-width space inside a name', input: { text: "why can't J\u200bane access UAT" }, answer: /Jane Doe \(jane.doe@contoso.com\) in UAT/ },
  { name: 'byte-order mark before a command', input: { text: '\ufeffenvironments' }, answer: /Power Platform environments/ },
  // The override is not echoed back ("Jane", not "Jane\u202e"); the person meant is offered as a button.
  { name: 'right-to-left override in a name', input: { text: "why can't Jane\u202e access UAT" }, answer: /couldn't find anyone called "Jane": .*Did you mean\nJane Doe/ },
  { name: 'non-breaking spaces between words', input: { text: "why\u00a0can't\u00a0jane.doe@contoso.com\u00a0access\u00a0UAT" }, answer: /Jane Doe \(jane.doe@contoso.com\) in UAT/ },
  { name: 'emoji as a person', input: { text: "why can't 😀 access UAT" }, answer: NOT_FOUND_PERSON },
  { name: 'family emoji (ZWJ sequence) to sync', input: { text: 'sync 👨‍👩‍👧 to UAT' }, answer: NOT_FOUND_PERSON },
  { name: 'a lone emoji', input: { text: '👍' }, answer: DID_NOT_UNDERSTAND, noMicrosoftCalls: true },
  { name: 'Arabic sentence', input: { text: 'لماذا لا تستطيع جين الوصول إلى UAT' }, answer: DID_NOT_UNDERSTAND, noMicrosoftCalls: true },
  { name: 'Hebrew name in a diagnosis', input: { text: "why can't שלום כהן access UAT" }, answer: NOT_FOUND_PERSON },
  {
    name: 'lone surrogate half',
    input: { text: "why can't \ud800 access UAT" },
    answer: NOT_FOUND_PERSON,
  },
  { name: 'lone low surrogate in a group to sync', input: { text: 'sync Nobody\udc00 Here to UAT' }, answer: NOT_FOUND_PERSON },

  // --- Empty ---
  { name: 'empty message', input: { text: '' }, answer: /Type \*\*help\*\*/, noMicrosoftCalls: true },
  { name: 'spaces only', input: { text: '     ' }, answer: /Type \*\*help\*\*/, noMicrosoftCalls: true },
  { name: 'tabs and newlines only', input: { text: '\t\n\r\n' }, answer: /Type \*\*help\*\*/, noMicrosoftCalls: true },
  { name: 'zero-width space only', input: { text: '\u200b' }, answer: /Type \*\*help\*\*|didn't understand/, noMicrosoftCalls: true },
  { name: 'a mention of the bot and nothing else', input: { activity: { type: 'message', text: '<at>Dataverse Access Bot</at>', entities: [{ type: 'mention', mentioned: { id: '28:dataverse-access-bot', name: 'Dataverse Access Bot' }, text: '<at>Dataverse Access Bot</at>' }] } }, answer: /Type \*\*help\*\*/, noMicrosoftCalls: true },

  // --- Card payloads: unknown verbs, missing fields, wrong types ---
  { name: 'unknown verb', input: { invoke: 'admin.delete-everything', data: {} }, answer: /I don't know the button action/, noMicrosoftCalls: true },
  { name: 'prototype-looking verb', input: { invoke: '__proto__', data: {} }, answer: /I don't know the button action/, noMicrosoftCalls: true },
  { name: 'verb "constructor"', input: { invoke: 'constructor', data: {} }, answer: /I don't know the button action/, noMicrosoftCalls: true },
  { name: 'Action.Submit with no verb', input: { submitValue: { userId: JANE } }, answer: /did not say what to do/, noMicrosoftCalls: true },
  { name: 'Action.Submit with a numeric verb', input: { submitValue: { verb: 42 } }, answer: /did not say what to do/, noMicrosoftCalls: true },
  { name: 'Action.Submit with an array value', input: { submitValue: ['diagnose.sync'] }, answer: /did not say what to do|could not read/, noMicrosoftCalls: true },
  { name: 'run-command button without text', input: { invoke: 'command.run', data: {} }, answer: /did not say which command/, noMicrosoftCalls: true },
  { name: 'run-command button with an object as text', input: { invoke: 'command.run', data: { text: { $ne: 1 } } }, answer: /did not say which command/, noMicrosoftCalls: true },
  { name: 'Sync now without ids', input: { invoke: 'diagnose.sync', data: {} }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  { name: 'Sync now with a number as user id', input: { invoke: 'diagnose.sync', data: { userId: 123, environmentId: UAT } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  { name: 'Sync now with an injected user id', input: { invoke: 'diagnose.sync', data: { userId: "1' or 1 eq 1", environmentId: UAT } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  { name: 'Sync now with an environment not in the tenant', input: { invoke: 'diagnose.sync', data: { userId: JANE, environmentId: FOREIGN } }, answer: NOT_FOUND_ENV },
  { name: 'Sync now for a user not in the tenant', input: { invoke: 'diagnose.sync', data: { userId: FOREIGN, environmentId: UAT } }, answer: NOT_FOUND_PERSON },
  { name: 'Add to group with an environment not in the tenant', input: { invoke: 'diagnose.add-to-group', data: { userId: JANE, environmentId: FOREIGN } }, answer: NOT_FOUND_ENV },
  { name: 'Re-check with a 10 KB user', input: { invoke: 'diagnose.check', data: { user: big(10_000, 'j') } }, answer: /too long/i, noMicrosoftCalls: true },
  { name: 'Re-check with a boolean user', input: { invoke: 'diagnose.check', data: { user: true } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  { name: 'sync confirm with a mode that does not exist', input: { invoke: 'sync.confirm', data: { confirmationId: FOREIGN_CONFIRMATION, mode: 'everyone' } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },

  // --- Tampered job ids and confirmations ---
  { name: 'job id with SQL', input: { invoke: 'sync.show-all', data: { jobId: "1 OR 1=1", page: '1' } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  { name: 'well-formed job id that does not exist', input: { invoke: 'sync.retry-failed', data: { jobId: 'ZZZZ2222' } }, answer: /no sync job|not found|There is no/i, noMicrosoftCalls: true },
  { name: 'page number out of range', input: { invoke: 'sync.members-page', data: { jobId: 'ZZZZ2222', page: '999999999' } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  { name: 'negative page number', input: { invoke: 'sync.members-page', data: { jobId: 'ZZZZ2222', page: '-1' } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  { name: 'job id in a typed command, path-like', input: { text: 'job ../../etc/passwd' }, answer: /is not a job id\. Job ids are 8 letters and digits/, noMicrosoftCalls: true },
  { name: 'confirmation id that was never issued', input: { invoke: 'diagnose.confirm-add', data: { confirmationId: FOREIGN_CONFIRMATION } }, answer: /no longer valid/, noMicrosoftCalls: true },
  { name: 'confirmation id that is not a GUID', input: { invoke: 'sync.confirm', data: { confirmationId: "x' OR '1'='1", mode: 'all' } }, answer: INVALID_BUTTON, noMicrosoftCalls: true },
  {
    name: 'replayed confirmation (already used)',
    input: async (prepare) => {
      const confirm = buttonData(await prepare.click('diagnose.add-to-group', { userId: JANE, environmentId: UAT }), 'Add to UAT Access');
      await prepare.click(String(confirm.verb), confirm);
      return { invoke: String(confirm.verb), data: confirm };
    },
    answer: /This was already confirmed or cancelled\./,
    noMicrosoftCalls: true,
  },
  {
    name: 'expired confirmation (16 minutes later)',
    input: async (prepare) => {
      const confirm = buttonData(await prepare.click('diagnose.add-to-group', { userId: OMAR, environmentId: UAT }), 'Add to UAT Access');
      prepare.advanceClock(16 * 60_000);
      return { invoke: String(confirm.verb), data: confirm };
    },
    answer: /This confirmation has expired\. Please start again\./,
  },
  { name: 'cancel of a confirmation that was never issued', input: { invoke: 'sync.cancel', data: { confirmationId: FOREIGN_CONFIRMATION } }, answer: /This confirmation is no longer valid/, noMicrosoftCalls: true },

  // --- Who is asking ---
  { name: 'no from.aadObjectId, typed command', from: ANONYMOUS, input: { text: 'sync Financial Coordinators to UAT' }, answer: /can't tell who you are/, noMicrosoftCalls: true },
  { name: 'no from.aadObjectId, fix button', from: ANONYMOUS, input: { invoke: 'diagnose.sync', data: { userId: JANE, environmentId: UAT } }, answer: /can't tell who you are/, noMicrosoftCalls: true },
  { name: 'aadObjectId of another tenant', from: { name: 'Eve', aadObjectId: FOREIGN }, input: { text: "why can't jane.doe@contoso.com access UAT" }, answer: NOT_ALLOWED },
  { name: 'aadObjectId that is not a GUID', from: { name: 'Eve', aadObjectId: "' or 1 eq 1" }, input: { text: "why can't jane.doe@contoso.com access UAT" }, answer: NOT_ALLOWED },
  { name: 'helpdesk pressing an admin fix', from: HELPDESK, input: { invoke: 'diagnose.add-to-group', data: { userId: JANE, environmentId: UAT } }, answer: ONLY_ADMINS },
  { name: 'plain user asking for history', from: PLAIN, input: { text: 'history' }, answer: NOT_ALLOWED },
  { name: 'plain user subscribing to notifications', from: PLAIN, input: { text: 'notify here' }, answer: NOT_ALLOWED },
  { name: 'admin impersonation via a forged name only', from: { name: 'Nadia Rahman', aadObjectId: PLAIN.aadObjectId }, input: { text: 'sync Financial Coordinators to UAT' }, answer: NOT_ALLOWED },
  { name: 'another tenant in conversation.tenantId', input: { activity: { type: 'message', text: 'environments', conversation: { id: 'a:other', conversationType: 'personal', tenantId: OTHER_TENANT, isGroup: false, name: 'x' } } }, answer: /only work for the organisation that installed me/, noMicrosoftCalls: true },
  { name: 'tenant ids that disagree', input: { activity: { type: 'message', text: 'environments', channelData: { tenant: { id: OTHER_TENANT } } } }, answer: /only work for the organisation that installed me/, noMicrosoftCalls: true },
  // Last on purpose (known gaps also run after the other cases): while its gap is open it blocks the event loop for seconds.
  {
    name: '100 KB of text',
    input: { text: big(100_000, 'lorem ipsum ') },
    answer: /That message is too long for me \(100,000 characters\)\. I read at most 2,000/,
    noMicrosoftCalls: true,
    quick: true,
  },
  { name: '2,000 characters of text (the most the router parses)', input: { text: big(2_000, 'lorem ipsum ') }, answer: DID_NOT_UNDERSTAND, noMicrosoftCalls: true, quick: true },
];
