import type { CardAction, TextCommand } from '../../app/routes';
import { listRoles } from './list-roles';
import { parseListRoles, parseRoleChange, type ListRolesRequest, type RoleChangeRequest } from './parse-roles';
import { applyRoleChange, planRoleChange, type RoleChangePlan } from './role-change';
import { rolesCard } from './roles.card';
import { replyAnswer } from './shared/answer';
import { actorOf, answerOrConfirm, confirmWith, parseConfirmation, redeem } from './shared/confirm';

export const ROLE_VERBS = { confirm: 'roles.confirm' } as const;
const CONFIRM_KIND = 'roles.change';

export const listRolesCommand: TextCommand<ListRolesRequest> = {
  name: 'roles',
  usage: 'roles in <environment>',
  summary: 'List the security roles of an environment, with a line about each and how many people and teams hold it.',
  examples: ['roles in UAT'],
  access: 'admin',
  parse: parseListRoles,
  async run(turn, request, deps) {
    await turn.typing();
    const outcome = await listRoles(deps, request);
    if (outcome.kind === 'answer') await replyAnswer(turn, outcome.answer);
    else await turn.replyCard(rolesCard(outcome.view));
  },
};

function roleChangeCommand(change: RoleChangeRequest['change']): TextCommand<RoleChangeRequest> {
  const giving = change === 'give';
  return {
    name: giving ? 'give role' : 'remove role',
    usage: giving ? 'give <person> the <role> role in <environment>' : 'remove the <role> role from <person> in <environment>',
    summary: giving
      ? "Give someone a security role in an environment (the copy of their business unit), after you confirm."
      : 'Take a security role given directly to someone away, after you confirm.',
    examples: giving ? ['give Siobhan the Finance Clerk role in UAT'] : ["remove the Auditor role from Wei in UAT"],
    access: 'admin',
    parse: (text) => {
      const request = parseRoleChange(text);
      return request?.change === change ? request : null;
    },
    async run(turn, request, deps) {
      await turn.typing();
      await answerOrConfirm(turn, deps, await planRoleChange(deps, request), CONFIRM_KIND, confirmWith(giving ? 'Give the role' : 'Remove the role', ROLE_VERBS.confirm));
    },
  };
}

export const giveRoleCommand = roleChangeCommand('give');
export const removeRoleCommand = roleChangeCommand('remove');

export const confirmRoleAction: CardAction<{ confirmationId: string }> = {
  verb: ROLE_VERBS.confirm,
  access: 'admin',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const plan = await redeem<RoleChangePlan>(turn, deps, CONFIRM_KIND, confirmationId);
    const result = await applyRoleChange(deps, plan, { actor: actorOf(turn), conversation: turn.conversationKey });
    return { text: result.text };
  },
};
