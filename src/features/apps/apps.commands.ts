import { askFor } from '../../app/flows';
import type { TextCommand } from '../../app/routes';
import { tooLongName } from '../../app/text';
import type { Turn } from '../../app/turn';
import { whoHasAccessCommand } from '../access/access.command';
import { answerAppQuestion } from './answer-app';
import { appsForPerson } from './apps-for-person';
import { appFlow } from './dialogs/app-flow';
import { parseAppAccess, parseWhichApps, parseWhoCanOpen, type AppRequest, type WhichAppsRequest, type WhoCanOpenRequest } from './parse-apps';
import { presentWhichOutcome, presentWhoOutcome } from './present-apps';
import { sendReply } from './send-reply';
import { whoCanOpen } from './who-can-open';

/** Names too long to be anyone's are refused before any request; else "typing…" while the bot asks Microsoft. */
async function namesFit(turn: Turn, names: readonly string[], environment: string | null): Promise<boolean> {
  const refused = tooLongName(names) ?? tooLongName([environment ?? ''], 'environment name');
  if (refused) await turn.reply(refused);
  else await turn.typing();
  return refused === null;
}

export const appAccessCommand: TextCommand<AppRequest> = {
  name: 'app access',
  usage: "why can't <person> open <app> [in <environment> | everywhere]",
  summary: 'Find out why someone cannot open an app: the environment, then the app itself (its roles or sharing, the licence it needs, its state).',
  examples: ["why can't Jane open Expense Tracker", 'can Jane use Field Inspection', "why can't Jane access the Expense app in UAT"],
  access: 'helpdesk',
  parse: parseAppAccess,
  async run(turn, request, deps) {
    if (!(await namesFit(turn, [request.user, request.app ?? ''], request.environment))) return;
    const reply = await answerAppQuestion(deps, request);
    if ('ask' in reply) await askFor(turn, appFlow, { user: reply.ask.user, ...(reply.ask.environment ? { environment: reply.ask.environment } : {}), everywhere: reply.ask.everywhere });
    else await sendReply(turn, reply);
  },
};

export const whoCanOpenCommand: TextCommand<WhoCanOpenRequest> = {
  name: 'who can open',
  usage: 'who can open <app> [in <environment>]',
  summary: 'The people and groups an app is shared with (canvas), or its roles and who holds them (model-driven), with a field to check a person.',
  examples: ['who can open Expense Tracker'],
  access: 'helpdesk',
  parse: parseWhoCanOpen,
  async run(turn, request, deps) {
    if (!(await namesFit(turn, [request.app], request.environment))) return;
    const outcome = await whoCanOpen(deps, request);
    // "who can open UAT": the environment's own "who has access" (src/features/access).
    if (outcome.kind === 'is-environment') await whoHasAccessCommand.run(turn, { environment: outcome.environment.id }, deps);
    else await sendReply(turn, presentWhoOutcome(outcome));
  },
};

export const whichAppsCommand: TextCommand<WhichAppsRequest> = {
  name: 'which apps',
  usage: 'which apps can <person> open [in <environment>]',
  summary: "Every app of an environment and whether the person can open it, the environment's checks made once.",
  examples: ['which apps can Jane open in UAT'],
  access: 'helpdesk',
  parse: parseWhichApps,
  async run(turn, request, deps) {
    if (await namesFit(turn, [request.user], request.environment)) await sendReply(turn, presentWhichOutcome(await appsForPerson(deps, request)));
  },
};
