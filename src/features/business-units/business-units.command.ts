import { isGuid } from '../../ids';
import { invalidInput } from '../../errors';
import type { CardAction, TextCommand } from '../../app/routes';
import { replyAnswer } from '../roles/shared/answer';
import { actorOf, answerOrConfirm, CANCEL_VERB, parseConfirmation, redeem } from '../roles/shared/confirm';
import { findEnvironment } from '../roles/shared/find-target';
import { moveConfirmCard } from './move.card';
import { applyMove, planMove, type MovePlan } from './move-user';
import { parseListUnits, parseMove, type ListUnitsRequest, type MoveRequest } from './parse-move';

export const MOVE_VERB = 'business-units.confirm-move';
const CONFIRM_KIND = 'business-units.move';

export const moveCommand: TextCommand<MoveRequest> = {
  name: 'move business unit',
  usage: 'move <person> to business unit <business unit> in <environment>',
  summary: "Move someone to another business unit; I say first what happens to their roles and give back the ones you keep.",
  examples: ['move Siobhan to business unit Finance in UAT'],
  access: 'admin',
  parse: parseMove,
  async run(turn, request, deps) {
    await turn.typing();
    await answerOrConfirm(turn, deps, await planMove(deps, request), CONFIRM_KIND, (plan, question, issued) =>
      moveConfirmCard(plan, question, { ...issued, confirmTitle: `Move to ${plan.to.name}`, confirmVerb: MOVE_VERB, cancelVerb: CANCEL_VERB }));
  },
};

export const listUnitsCommand: TextCommand<ListUnitsRequest> = {
  name: 'business units',
  usage: 'business units in <environment>',
  summary: 'List the business units of an environment.',
  examples: ['business units in UAT'],
  access: 'admin',
  parse: parseListUnits,
  async run(turn, request, deps) {
    const env = await findEnvironment(deps, request.environment, (environment) => `business units in ${environment}`);
    if (!env.ok) {
      await replyAnswer(turn, env.answer);
      return;
    }
    const units = await deps.dataverse.listBusinessUnits(env.value.dataverse.instanceUrl);
    const names = new Map(units.map((u) => [u.businessUnitId.toLowerCase(), u.name]));
    const lines = units.map((u) => `- ${u.name}${u.parentId ? ` (in ${names.get(u.parentId.toLowerCase()) ?? 'another unit'})` : ' (root)'}`);
    await turn.reply(`Business units in ${env.value.displayName}:\n\n${lines.join('\n')}`);
  },
};

/** The ticked roles from the card: root role ids, comma-separated (Input.ChoiceSet multi-select). */
export function tickedRoles(data: Record<string, unknown>): string[] {
  const value = data.roles;
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') throw invalidInput('That card sent roles I could not read, so I changed nothing.');
  const ids = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (!ids.every(isGuid) || ids.length > 200) throw invalidInput('That card sent roles I could not read, so I changed nothing.');
  return ids.map((id) => id.toLowerCase());
}

export const confirmMoveAction: CardAction<{ confirmationId: string; roles: string[] }> = {
  verb: MOVE_VERB,
  access: 'admin',
  parse: (data) => ({ ...parseConfirmation(data), roles: tickedRoles(data) }),
  async run(turn, { confirmationId, roles }, deps) {
    const plan = await redeem<MovePlan>(turn, deps, CONFIRM_KIND, confirmationId);
    // only roles the card offered count; anything else sent back is ignored
    const offered = new Set(plan.roles.map((r) => r.rootRoleId.toLowerCase()));
    const keep = plan.roles.filter((r) => roles.includes(r.rootRoleId.toLowerCase()) && offered.has(r.rootRoleId.toLowerCase())).map((r) => r.rootRoleId);
    const result = await applyMove(deps, plan, keep, { actor: actorOf(turn), conversation: turn.conversationKey });
    return { text: result.text };
  },
};
