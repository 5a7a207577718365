/**
 * The conversation corpus (issue 15): how people actually phrase requests, one row each, with the
 * kind of answer expected and something specific it must say. Every row must get a specific answer:
 * none may get the generic "I didn't understand".
 */
import type { TestUser } from '../helpers/bot-harness';
import type { ReplyKind } from './reply-kind';

export const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
export const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
export const PLAIN: TestUser = { name: 'Ingrid Olsen', aadObjectId: 'b098f3a2-ffb2-42bd-88d7-a8b45bfda857' };

export type Family =
  | 'diagnose' | 'vague diagnose' | 'group sync' | 'people sync' | 'missing environment' | 'environment list' | 'history' | 'job'
  | 'watch' | 'notify' | 'audit' | 'help' | 'role assignment' | 'removal' | 'who has access' | 'app access' | 'licences'
  | 'typos' | 'small talk' | 'out of scope';

export interface Phrasing {
  family: Family;
  /** What is typed; a function when it needs something an earlier turn made (a job id). */
  say: string | ((context: { jobId: string }) => string);
  kind: ReplyKind;
  /** Something this answer in particular must say (card text, messages and button titles together). */
  says: RegExp;
  from?: TestUser;
  /** For declines: the admin site the link must point to. */
  link?: RegExp;
}

const PPAC = /^https:\/\/admin\.powerplatform\.microsoft\.com(?:\/|$)/;
const ENTRA = /^https:\/\/entra\.microsoft\.com/;

export const PHRASINGS: Phrasing[] = [
  // Diagnose: a diagnosis card for the person and environment named.
  { family: 'diagnose', say: "why can't Jane access UAT", kind: 'action', says: /Jane Doe \(jane\.doe@contoso\.com\) in UAT/ },
  { family: 'diagnose', say: 'Why can’t jane.doe@contoso.com get into UAT?', kind: 'action', says: /Jane Doe \(jane\.doe@contoso\.com\) in UAT/ },
  { family: 'diagnose', say: 'check Jane everywhere', kind: 'action', says: /Jane Doe/ },
  { family: 'diagnose', say: 'can Ravi Iyer access Contoso Production', kind: 'action', says: /Ravi Iyer .* in Contoso Production/ },
  { family: 'diagnose', say: 'Jane cannot get into UAT', kind: 'action', says: /Jane Doe \(jane\.doe@contoso\.com\) in UAT/ },
  { family: 'diagnose', say: 'Omar has no access to UAT Finance', kind: 'action', says: /Omar Farouk .* in UAT Finance/ },
  { family: 'diagnose', say: 'where can Priya get in', kind: 'action', says: /Priya Patel/ },
  { family: 'diagnose', say: 'is Tom Becker able to access UAT', kind: 'action', says: /Tom Becker .* in UAT/, from: HELPDESK },

  // Vague diagnose: nobody named, so the bot asks who.
  { family: 'vague diagnose', say: "someone can't get into UAT", kind: 'question', says: /Who can't get into UAT\?/ },
  { family: 'vague diagnose', say: "a user can't access the app", kind: 'question', says: /Who can't get in\?/ },
  { family: 'vague diagnose', say: 'my colleague is locked out of UAT Finance', kind: 'question', says: /Who can't get into UAT Finance\?/ },
  { family: 'vague diagnose', say: 'we have an access problem in UAT', kind: 'question', says: /Who can't get into UAT\?/ },
  { family: 'vague diagnose', say: 'access issue', kind: 'question', says: /Who can't get in\?/, from: HELPDESK },
  { family: 'vague diagnose', say: 'one of our users cannot log in to Contoso Production', kind: 'question', says: /Who can't get into Contoso Production\?/ },
  { family: 'vague diagnose', say: 'check someone', kind: 'question', says: /Type their name or email address/ },

  // Group sync: a preview of the group's members.
  { family: 'group sync', say: 'sync Financial Coordinators to UAT', kind: 'action', says: /Financial Coordinators \(group\) to UAT/ },
  { family: 'group sync', say: 'force sync Finance Interns into UAT', kind: 'action', says: /Finance Interns \(group\) to UAT/ },
  { family: 'group sync', say: 'sync UAT Access to UAT including nested groups', kind: 'action', says: /UAT Access \(group\) to UAT/ },
  { family: 'group sync', say: 'sync "Financial Coordinators" to UAT Finance.', kind: 'action', says: /Financial Coordinators \(group\) to UAT Finance/ },

  // People sync: queued at once, or a choice when a first name fits several people.
  { family: 'people sync', say: 'sync jane.doe@contoso.com to UAT', kind: 'action', says: /Sync(?:ing)? Jane Doe to UAT/ },
  { family: 'people sync', say: 'sync Ravi Iyer and Priya Patel to UAT', kind: 'action', says: /Sync(?:ing)? Ravi Iyer and Priya Patel to UAT/ },
  { family: 'people sync', say: 'sync Alex to UAT', kind: 'question', says: /Several people match "Alex"[\s\S]*Alex Kim[\s\S]*Alex Johnson/ },
  { family: 'people sync', say: 'sync Hannah Weber, Tom Becker to UAT Finance', kind: 'action', says: /Sync(?:ing)? Hannah Weber and Tom Becker to UAT Finance/ },

  // A missing or nicknamed environment: the bot asks, or offers the environments meant as buttons.
  { family: 'missing environment', say: 'sync Financial Coordinators', kind: 'question', says: /Which environment should I sync "Financial Coordinators" into\?/ },
  { family: 'missing environment', say: 'sync Jane Doe', kind: 'question', says: /Which environment should I sync "Jane Doe" into\?/ },
  { family: 'missing environment', say: 'sync to UAT', kind: 'question', says: /Whom should I sync into UAT\?/ },
  { family: 'missing environment', say: 'sync everyone to Prod', kind: 'question', says: /Did you mean:[\s\S]*sync everyone to Contoso Production/ },
  { family: 'missing environment', say: 'sync Jane to the finance sandbox', kind: 'question', says: /sync Jane to UAT Finance[\s\S]*sync Jane to Finance Reporting/ },
  { family: 'missing environment', say: "why can't Jane access prod", kind: 'question', says: /no environment called "prod"[\s\S]*Contoso Production/ },
  { family: 'missing environment', say: 'the finance sandbox', kind: 'question', says: /Check someone in UAT Finance[\s\S]*Check someone in Finance Reporting/ },
  { family: 'missing environment', say: 'uat env', kind: 'question', says: /UAT: what should I do there\?/ },

  // Environment list.
  { family: 'environment list', say: 'environments', kind: 'action', says: /Contoso Production/, from: PLAIN },
  { family: 'environment list', say: 'list environments', kind: 'action', says: /UAT Finance/ },
  { family: 'environment list', say: 'show me all the environments', kind: 'action', says: /Field Inspections/ },
  { family: 'environment list', say: 'What environments do we have?', kind: 'action', says: /Staging \(maintenance\)/ },
  { family: 'environment list', say: 'envs', kind: 'action', says: /Contoso Trial/ },

  // History and jobs.
  { family: 'history', say: 'history', kind: 'action', says: /Recent sync jobs[\s\S]*Ravi Iyer/ },
  { family: 'history', say: 'sync history', kind: 'action', says: /Recent sync jobs[\s\S]*Ravi Iyer/ },
  { family: 'history', say: 'jobs', kind: 'action', says: /Recent sync jobs[\s\S]*Ravi Iyer/, from: HELPDESK },
  { family: 'history', say: 'show me recent syncs', kind: 'question', says: /Recent sync jobs/ },
  { family: 'job', say: ({ jobId }) => `job ${jobId}`, kind: 'action', says: /Ravi Iyer/ },
  { family: 'job', say: ({ jobId }) => `show job ${jobId.toLowerCase()}`, kind: 'action', says: /Ravi Iyer/ },
  { family: 'job', say: 'job', kind: 'question', says: /Recent sync jobs/ },

  // Watch.
  { family: 'watch', say: 'watch UAT Access for UAT', kind: 'action', says: /Watching \*\*UAT Access\*\* for \*\*UAT\*\*/ },
  { family: 'watch', say: 'watches', kind: 'action', says: /UAT Access/ },
  { family: 'watch', say: 'what are you watching', kind: 'action', says: /UAT Access/, from: HELPDESK },
  { family: 'watch', say: 'stop watching UAT Access', kind: 'action', says: /no longer watch \*\*UAT Access\*\*/ },
  { family: 'watch', say: 'watch', kind: 'question', says: /Which group should I watch\?/ },
  { family: 'watch', say: 'watch Finance Interns', kind: 'question', says: /Which environment should I sync new members of "Finance Interns" into\?/ },

  // Notify.
  { family: 'notify', say: 'notify here', kind: 'action', says: /notif|post/i },
  { family: 'notify', say: 'notify me here', kind: 'action', says: /notif|post/i },
  { family: 'notify', say: 'stop notifying here', kind: 'action', says: /notif|post/i },
  { family: 'notify', say: 'send alerts to this chat', kind: 'question', says: /Notify here/ },

  // Audit.
  { family: 'audit', say: 'audit', kind: 'action', says: /Audit trail/ },
  { family: 'audit', say: 'audit user Liam', kind: 'action', says: /Audit trail/ },
  { family: 'audit', say: 'audit env UAT', kind: 'action', says: /Audit trail/ },
  { family: 'audit', say: 'who synced Jane?', kind: 'question', says: /Show the audit trail/ },

  // Help.
  { family: 'help', say: 'help', kind: 'action', says: /What I can do[\s\S]*Ask[\s\S]*Fix/ },
  { family: 'help', say: 'what can you do?', kind: 'action', says: /What I can do/ },
  { family: 'help', say: 'commands', kind: 'action', says: /What I can do/, from: PLAIN },
  { family: 'help', say: 'how does this work', kind: 'action', says: /What I can do/ },
  { family: 'help', say: 'hello', kind: 'action', says: /Dataverse Access Bot/ },

  // Role assignment: served (src/features/roles); without an environment the bot asks for it.
  { family: 'role assignment', say: 'give Jane the Finance Clerk role in UAT', kind: 'action', says: /Finance Clerk/ },
  { family: 'role assignment', say: 'assign the System Customizer role to Tom Becker in UAT', kind: 'action', says: /System Customizer/ },
  { family: 'role assignment', say: 'give Jane the Finance Clerk role', kind: 'question', says: /In which environment should I give the Finance Clerk role to Jane\?/ },
  { family: 'role assignment', say: 'remove the Auditor role from Wei', kind: 'question', says: /In which environment should I remove the Auditor role from Wei\?/ },
  { family: 'role assignment', say: 'make Jane a system administrator in UAT', kind: 'question', says: /Give Jane the system administrator role/ },
  { family: 'role assignment', say: 'could you add the Basic User role to Tom?', kind: 'question', says: /Give Tom the Basic User role/ },
  { family: 'role assignment', say: "change Jane's security roles", kind: 'question', says: /roles in UAT/ },
  { family: 'role assignment', say: 'move Jane to the Finance business unit', kind: 'question', says: /In which environment should I move Jane to the Finance business unit\?/ },

  // Removal: served (src/features/access): someone who is a member gets a confirm card, anyone else a sentence.
  { family: 'removal', say: 'remove Jane from UAT', kind: 'action', says: /Jane Doe isn't a direct member of UAT Access/ },
  { family: 'removal', say: "revoke Bob's access to Contoso Production", kind: 'question', says: /couldn't find anyone called "Bob"/ },
  { family: 'removal', say: 'please take Tom out of UAT Finance', kind: 'action', says: /Tom Becker isn't a direct member of UAT Finance Access/ },
  { family: 'removal', say: 'disable Jane in UAT', kind: 'action', says: /Jane Doe isn't a direct member of UAT Access/ },
  { family: 'removal', say: 'delete user Omar from Contoso Production', kind: 'action', says: /Omar Farouk isn't a direct member of Dataverse Production Users/ },

  // Who has access: served (src/features/access): the environment's reconciliation.
  { family: 'who has access', say: 'who has access to UAT?', kind: 'action', says: /Who has access to UAT[\s\S]*not yet in UAT: 13/ },
  { family: 'who has access', say: 'list users in Contoso Production', kind: 'action', says: /Who has access to Contoso Production/ },
  { family: 'who has access', say: 'who can get into UAT Finance', kind: 'action', says: /Who has access to UAT Finance/ },
  { family: 'who has access', say: 'check who has access to UAT', kind: 'action', says: /Who has access to UAT/, from: HELPDESK },
  { family: 'who has access', say: 'how many users are in UAT', kind: 'action', says: /Security group UAT Access: 18 direct members/ },

  // App access: served by the apps feature (src/features/apps): which environment the app is in, or why not.
  { family: 'app access', say: "why can't Jane open Expense Tracker", kind: 'question', says: /Expense Tracker[\s\S]*(?:UAT|Contoso Production)/ },
  { family: 'app access', say: "Jane can't open the Expense Tracker app", kind: 'question', says: /Expense Tracker[\s\S]*(?:UAT|Contoso Production)/ },
  { family: 'app access', say: 'share the Expense Tracker app with Jane', kind: 'question', says: /Jane[\s\S]*Expense Tracker/ },
  { family: 'app access', say: "why can't Tom launch Timesheets?", kind: 'action', says: /can't find an app called "Timesheets"/ },
  // An app's name where an environment's could be: "app" says so; an exact app name beats an environment it only starts.
  { family: 'app access', say: 'who has access to the Field Inspection app', kind: 'action', says: /Who can open Field Inspection\? \(canvas app in Field Inspections\)/, from: HELPDESK },
  { family: 'app access', say: 'who has access to Field Inspection', kind: 'action', says: /Who can open Field Inspection\? \(canvas app in Field Inspections\)/ },
  { family: 'app access', say: 'who can use Field Inspection', kind: 'action', says: /Who can open Field Inspection\? \(canvas app in Field Inspections\)/ },
  { family: 'app access', say: 'can Jane use Field Inspection', kind: 'action', says: /Jane Doe \(jane\.doe@contoso\.com\) · Field Inspection \(Field Inspections\), canvas app/ },
  { family: 'app access', say: 'who can use Field', kind: 'question', says: /"Field" could be an app or an environment[\s\S]*Field Inspection \(app in Field Inspections\)[\s\S]*Field Inspections \(environment\)/ },
  { family: 'app access', say: 'can Jane use Field?', kind: 'question', says: /"Field" could be an app or an environment/ },
  { family: 'who has access', say: 'who has access to Field Inspections', kind: 'action', says: /Who has access to Field Inspections/ },

  // Licences: served (src/features/licences): the fix the tenant allows, or why none is needed.
  { family: 'licences', say: 'assign Jane a licence', kind: 'action', says: /Jane Doe already has a licence with full Dataverse access/ },
  { family: 'licences', say: 'give Bob a Power Apps license', kind: 'question', says: /couldn't find anyone called "Bob"/ },
  { family: 'licences', say: 'does Jane have a licence?', kind: 'action', says: /Jane Doe already has a licence/ },
  { family: 'licences', say: 'how many licences do we have', kind: 'question', says: /Licences/ },
  { family: 'licences', say: 'we need more licenses', kind: 'question', says: /Licences/ },

  // Typos: the request meant, as a button.
  { family: 'typos', say: 'sycn Jane to UAT', kind: 'question', says: /Did you mean: sync Jane to UAT\?/ },
  { family: 'typos', say: "wyh can't Jane access UAT", kind: 'question', says: /Did you mean: why can't Jane access UAT\?/ },
  { family: 'typos', say: 'enviroments', kind: 'question', says: /Did you mean: environments\?/ },
  { family: 'typos', say: 'hisotry', kind: 'question', says: /Did you mean: history\?/ },
  { family: 'typos', say: 'hlep', kind: 'question', says: /Did you mean: help\?/ },
  { family: 'typos', say: 'remvoe Jane from UAT', kind: 'question', says: /Did you mean: remove Jane from UAT\?/ },
  { family: 'typos', say: 'chekc Jane in UAT', kind: 'action', says: /Jane Doe \(jane\.doe@contoso\.com\) in UAT/ },

  // Small talk: a friendly line and things to try.
  { family: 'small talk', say: 'thanks!', kind: 'question', says: /You're welcome/ },
  { family: 'small talk', say: 'Thank you very much', kind: 'question', says: /You're welcome/ },
  { family: 'small talk', say: 'who are you?', kind: 'question', says: /I'm the Dataverse Access Bot/ },
  { family: 'small talk', say: 'good morning', kind: 'question', says: /I'm the Dataverse Access Bot/ },
  { family: 'small talk', say: 'cancel', kind: 'question', says: /nothing to cancel/ },

  // Out of scope: what the bot does instead, and where to go.
  { family: 'out of scope', say: "what's the weather like today", kind: 'decline', says: /can't help with the weather[\s\S]*IT service desk/ },
  { family: 'out of scope', say: 'tell me a joke', kind: 'decline', says: /can't help with jokes/ },
  { family: 'out of scope', say: 'book a meeting room for 3pm', kind: 'decline', says: /meetings and calendars/ },
  { family: 'out of scope', say: 'my laptop is broken', kind: 'decline', says: /printers and devices/ },
  { family: 'out of scope', say: 'reset my password', kind: 'decline', says: /can't reset passwords/, link: ENTRA },
  { family: 'out of scope', say: 'create a new sandbox environment', kind: 'decline', says: /can't create environments[\s\S]*pac admin create/, link: PPAC },
  { family: 'out of scope', say: 'copy Contoso Production to UAT', kind: 'decline', says: /can't copy, back up[\s\S]*pac admin copy/, link: PPAC },
  { family: 'out of scope', say: 'why is my connector blocked by DLP', kind: 'decline', says: /data policies/, link: PPAC },
  { family: 'out of scope', say: 'how much storage is left', kind: 'decline', says: /capacity or storage/, link: PPAC },
  { family: 'out of scope', say: 'turn off admin mode in Staging', kind: 'decline', says: /administration mode/, link: PPAC },
  { family: 'out of scope', say: 'create a user for our new starter', kind: 'decline', says: /can't create users/, link: ENTRA },
];
