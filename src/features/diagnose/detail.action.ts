import type { CardAction } from '../../app/routes';
import type { AdaptiveCard } from '../../app/turn';
import { environmentId, text } from './action-params';
import { presentOutcome } from './present-outcome';
import { runDiagnosis } from './run-diagnosis';
import { button, DIAGNOSE_VERBS } from './verbs';

/** The diagnosis card with "Back to every environment" first among its buttons: the overview is one click away. */
export function withBack(card: AdaptiveCard, user: string): AdaptiveCard {
  const back = button('Back to every environment', DIAGNOSE_VERBS.check, { user, everywhere: true });
  const action = { type: 'Action.Execute', title: back.title, verb: back.verb, data: back.data, fallback: { type: 'Action.Submit', title: back.title, data: back.data } };
  const actions = Array.isArray(card.content.actions) ? (card.content.actions as unknown[]) : [];
  return { content: { ...card.content, actions: [action, ...actions] } };
}

/**
 * "Details" on the everywhere card: one environment's diagnosis replaces the overview in place, with a
 * Back button that checks every environment again (the overview, fresh).
 */
export const detailAction: CardAction<{ user: string; environment: string }> = {
  verb: DIAGNOSE_VERBS.detail,
  access: 'helpdesk',
  parse: (data) => ({ user: text(data, 'user', 'person'), environment: environmentId(data, 'environment') }),
  async run(_turn, params, deps) {
    const answer = presentOutcome(await runDiagnosis(deps, { user: params.user, environment: params.environment, everywhere: false }), { cloud: deps.config.microsoft.cloud.name });
    return answer && 'card' in answer ? { card: withBack(answer.card, params.user) } : answer;
  },
};
