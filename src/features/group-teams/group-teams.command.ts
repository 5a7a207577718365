import type { CardAction, TextCommand } from '../../app/routes';
import { replyAnswer } from '../roles/shared/answer';
import { actorOf, answerOrConfirm, confirmWith, parseConfirmation, redeem } from '../roles/shared/confirm';
import { groupTeamsCard } from './group-teams.card';
import { applyLink, listGroupTeams, planLink, type LinkPlan } from './link-group';
import { parseLink, parseListGroupTeams, type LinkRequest, type ListGroupTeamsRequest } from './parse-link';

export const LINK_VERB = 'group-teams.confirm-link';
const CONFIRM_KIND = 'group-teams.link';

export const linkCommand: TextCommand<LinkRequest> = {
  name: 'link group',
  usage: 'link <group> to <environment> as <role> [members only | owners | guests]',
  summary: 'Give an Entra group a security role in an environment through a Dataverse group team (like pac admin assign-group), after you confirm.',
  examples: ['link Finance Interns to UAT as Finance Clerk'],
  access: 'admin',
  parse: parseLink,
  async run(turn, request, deps) {
    await turn.typing();
    await answerOrConfirm(turn, deps, await planLink(deps, request), CONFIRM_KIND, confirmWith('Create the group team', LINK_VERB));
  },
};

export const listGroupTeamsCommand: TextCommand<ListGroupTeamsRequest> = {
  name: 'group teams',
  usage: 'group teams in <environment>',
  summary: 'List the Entra groups linked to an environment through group teams, with their roles and membership types.',
  examples: ['group teams in UAT'],
  access: 'admin',
  parse: parseListGroupTeams,
  async run(turn, request, deps) {
    await turn.typing();
    const outcome = await listGroupTeams(deps, request);
    if (outcome.kind === 'answer') await replyAnswer(turn, outcome.answer);
    else await turn.replyCard(groupTeamsCard(outcome.environment, outcome.rows));
  },
};

export const confirmLinkAction: CardAction<{ confirmationId: string }> = {
  verb: LINK_VERB,
  access: 'admin',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const plan = await redeem<LinkPlan>(turn, deps, CONFIRM_KIND, confirmationId);
    return { text: (await applyLink(deps, plan, { actor: actorOf(turn), conversation: turn.conversationKey })).text };
  },
};
