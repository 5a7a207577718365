import type { Deps } from '../../app/deps';
import type { CardAction, TextCommand } from '../../app/routes';
import type { AdaptiveCard, Turn } from '../../app/turn';
import { suggestionsCard } from '../../app/understand/reply-cards';
import { tenantCache } from '../../gateways/tenant-cache';
import { environmentId, guid } from '../diagnose/action-params';
import { actorOf, confirmationCard, parseConfirmation, redeem } from '../roles/shared/confirm';
import { answerResult, plain, replyAnswer, type Answer } from '../roles/shared/answer';
import { applyLicence } from './apply-licence';
import { parseLicence } from './parse-licence';
import { planLicence, type LicencePlan, type LicenceRequest } from './plan-licence';

export const LICENCE_VERBS = { fix: 'licences.fix', confirm: 'licences.confirm' } as const;
const CONFIRM_KIND = 'licences.change';

/** The fix the tenant allows as a confirmation bound to the caller, or the sentence why none can be made here; other ways as buttons. */
async function offer(turn: Turn, deps: Deps, request: LicenceRequest): Promise<{ card: AdaptiveCard; alternatives: Answer['choices'] } | Answer> {
  const outcome = await planLicence(deps, request);
  if (outcome.kind === 'answer') return outcome.answer;
  const title = outcome.plan.fix.kind === 'group' ? `Add to ${outcome.plan.fix.groupName}` : `Assign ${outcome.plan.fix.sku.product}`;
  const card = await confirmationCard<LicencePlan>(turn, deps, CONFIRM_KIND, outcome.plan, outcome.question, { title, verb: LICENCE_VERBS.confirm });
  return { card, alternatives: outcome.alternatives };
}

const otherWays = (choices: NonNullable<Answer['choices']>) => suggestionsCard(plain('Other ways the tenant allows:'), choices.map((c) => ({ title: c.title, text: c.command })));

export const licenceCommand: TextCommand<LicenceRequest> = {
  name: 'licence',
  usage: 'licence for <person> [in <environment>]',
  summary: "Give someone a licence with Dataverse access the way the tenant allows: a licensing group, else a free licence, else what to buy; then a sync that waits for it.",
  examples: ['licence for Lucas in UAT'],
  access: 'admin',
  parse: parseLicence,
  async run(turn, request, deps) {
    await turn.typing();
    const offered = await offer(turn, deps, request);
    if (!('card' in offered)) {
      await replyAnswer(turn, offered);
      return;
    }
    await turn.replyCard(offered.card);
    if (offered.alternatives?.length) await turn.replyCard(otherWays(offered.alternatives));
  },
};

/** "Fix the licence" on a diagnosis card: the same offer for that person (and the environment, for the sync after it). */
export const fixLicenceAction: CardAction<{ userId: string; environmentId: string }> = {
  verb: LICENCE_VERBS.fix,
  access: 'admin',
  parse: (data) => ({ userId: guid(data, 'userId', 'person'), environmentId: environmentId(data, 'environmentId') }),
  async run(turn, target, deps) {
    // The sync after the licence needs Dataverse: for an environment without it, the licence alone is offered.
    const env = (await tenantCache(deps).environments()).find((e) => e.id.toLowerCase() === target.environmentId.toLowerCase());
    const offered = await offer(turn, deps, { person: target.userId, environment: env?.dataverse ? env.id : null, choice: null });
    if (!('card' in offered)) return answerResult(offered);
    if (offered.alternatives?.length) await turn.replyCard(otherWays(offered.alternatives));
    return { card: offered.card };
  },
};

export const confirmLicenceAction: CardAction<{ confirmationId: string }> = {
  verb: LICENCE_VERBS.confirm,
  access: 'admin',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const plan = await redeem<LicencePlan>(turn, deps, CONFIRM_KIND, confirmationId);
    const result = await applyLicence(deps, plan, { actor: actorOf(turn), conversation: turn.conversationKey });
    return answerResult(result.answer);
  },
};
