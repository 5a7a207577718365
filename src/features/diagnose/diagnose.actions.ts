import type { CardAction } from '../../app/routes';
import type { Deps } from '../../app/deps';
import type { CardActionResult, Turn } from '../../app/turn';
import { cancelConfirmation, confirmerId, issueConfirmation, redeemConfirmation } from '../../app/confirmations';
import { evaluateAccess } from '../../domain/access/evaluate';
import { AppError } from '../../errors';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { environmentId, guid, optionalText, text } from './action-params';
import { EVERYWHERE_CHOICE } from './choice.card';
import { confirmCard, type ConfirmCardInput } from './confirm.card';
import { diagnosisCard, syncingCard } from './diagnosis.card';
import { gatherFacts } from './gather-facts';
import type { DiagnoseRequest } from './parse-diagnose';
import { presentOutcome } from './present-outcome';
import { runDiagnosis } from './run-diagnosis';
import { syncRuntimeFor } from '../sync/sync-runtime';
import { syncAndRecheck } from './sync-user';
import { tenantCache } from '../../gateways/tenant-cache';
import { DIAGNOSE_VERBS } from './verbs';
import { confirmBeforeSync } from '../../domain/confirm-before-sync';
import { recordChange } from '../../security/guard';

const ADD_KIND = DIAGNOSE_VERBS.addToGroup;
const SYNC_KIND = DIAGNOSE_VERBS.confirmSync;

interface Target {
  userId: string;
  environmentId: string;
}

interface AddToGroupPayload extends Target {
  groupId: string;
}

const parseTarget = (data: Record<string, unknown>): Target => ({ userId: guid(data, 'userId', 'person'), environmentId: environmentId(data, 'environmentId') });

/** Looks both up again: the card only carries ids, and nothing on it is trusted. */
async function loadTarget(deps: Deps, target: Target): Promise<{ user: DirectoryUser; env: Environment }> {
  const [user, environments] = await Promise.all([deps.graph.getUser(target.userId), tenantCache(deps).environments()]);
  const env = environments.find((e) => e.id.toLowerCase() === target.environmentId.toLowerCase());
  if (!user) throw new AppError('input.not_found', 'That person no longer exists in Entra ID.');
  if (!env) throw new AppError('input.not_found', 'That environment no longer exists.');
  return { user, env };
}

export const checkAction: CardAction<DiagnoseRequest> = {
  verb: DIAGNOSE_VERBS.check,
  access: 'helpdesk',
  parse(data) {
    const environment = optionalText(data, 'environment', 'environment');
    const everywhere = data.everywhere === true || environment === EVERYWHERE_CHOICE;
    return { user: text(data, 'user', 'person'), environment: everywhere ? null : environment, everywhere };
  },
  async run(_turn, request, deps) {
    return presentOutcome(await runDiagnosis(deps, request), { cloud: deps.config.microsoft.cloud.name });
  },
};

/** Stores a confirmation bound to the caller and answers with its "are you sure" card. */
async function askToConfirm<P>(turn: Turn, deps: Deps, kind: string, payload: P, card: Omit<ConfirmCardInput, 'confirmationId' | 'expiresInMinutes'>): Promise<CardActionResult> {
  const ttlMinutes = deps.config.confirmationTtlMinutes;
  const confirmationId = await issueConfirmation<P>(deps.db, { kind, userId: confirmerId(turn), payload, ttlMs: ttlMinutes * 60_000, now: deps.now() });
  return { card: confirmCard({ ...card, confirmationId, expiresInMinutes: ttlMinutes }) };
}

async function syncNow(turn: Turn, deps: Deps, user: DirectoryUser, env: Environment): Promise<CardActionResult> {
  turn.log.info({ caller: turn.caller.aadObjectId, userId: user.id, environmentId: env.id }, 'diagnose: sync now requested');
  await recordChange(deps, turn, DIAGNOSE_VERBS.sync, `asked Power Platform to sync ${user.displayName} to ${env.displayName}`, env.displayName);
  const target = { ref: turn.sourceMessage, conversationKey: turn.conversationKey };
  syncRuntimeFor(deps).runInBackground(() => syncAndRecheck(deps, user, env, target));
  return { card: syncingCard(user.displayName, env.displayName) };
}

/** "Sync now": at once, except into a Production environment, which asks the admin to confirm first. */
export const syncAction: CardAction<Target> = {
  verb: DIAGNOSE_VERBS.sync,
  access: 'admin',
  expensive: true,
  parse: parseTarget,
  async run(turn, target, deps) {
    const { user, env } = await loadTarget(deps, target);
    if (!confirmBeforeSync(env)) return syncNow(turn, deps, user, env);
    return askToConfirm<Target>(turn, deps, SYNC_KIND, { userId: user.id, environmentId: env.id }, {
      title: `Sync ${user.displayName} to ${env.displayName}?`,
      text: `${env.displayName} is a Production environment, so I ask first. Power Platform adds ${user.displayName} (${user.userPrincipalName}) to it now rather than at their first sign-in.`,
      confirmTitle: 'Sync now',
      confirmVerb: DIAGNOSE_VERBS.confirmSync,
      cancelVerb: DIAGNOSE_VERBS.cancel,
    });
  },
};

export const confirmSyncAction: CardAction<{ confirmationId: string }> = {
  verb: DIAGNOSE_VERBS.confirmSync,
  access: 'admin',
  parse: (data) => parseConfirmation(data),
  async run(turn, { confirmationId }, deps) {
    const payload = await redeemConfirmation<Target>(deps.db, { id: confirmationId, kind: SYNC_KIND, userId: confirmerId(turn), now: deps.now() });
    const { user, env } = await loadTarget(deps, payload);
    return syncNow(turn, deps, user, env);
  },
};

export const addToGroupAction: CardAction<Target> = {
  verb: DIAGNOSE_VERBS.addToGroup,
  access: 'admin',
  parse: parseTarget,
  async run(turn, target, deps) {
    const { user, env } = await loadTarget(deps, target);
    const groupId = env.dataverse?.securityGroupId;
    if (!groupId) return { text: `${env.displayName} has no security group, so there is nothing to add ${user.displayName} to.` };
    const group = await tenantCache(deps).group(groupId);
    const groupName = group?.displayName ?? groupId;
    return askToConfirm<AddToGroupPayload>(turn, deps, ADD_KIND, { userId: user.id, environmentId: env.id, groupId }, {
      title: `Add ${user.displayName} to ${groupName}?`,
      text: `${user.displayName} (${user.userPrincipalName}) becomes a direct member of the Entra group ${groupName}, which controls who can get into ${env.displayName}.`,
      confirmTitle: `Add to ${groupName}`,
      confirmVerb: DIAGNOSE_VERBS.confirmAdd,
      cancelVerb: DIAGNOSE_VERBS.cancel,
    });
  },
};

const parseConfirmation = (data: Record<string, unknown>) => ({ confirmationId: guid(data, 'confirmationId', 'confirmation') });

export const confirmAddAction: CardAction<{ confirmationId: string }> = {
  verb: DIAGNOSE_VERBS.confirmAdd,
  access: 'admin',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const payload = await redeemConfirmation<AddToGroupPayload>(deps.db, { id: confirmationId, kind: ADD_KIND, userId: confirmerId(turn), now: deps.now() });
    const { user, env } = await loadTarget(deps, payload);
    const groupId = env.dataverse?.securityGroupId;
    if (!groupId || groupId.toLowerCase() !== payload.groupId.toLowerCase()) {
      return { text: `The security group of ${env.displayName} changed since you asked, so I added nobody. Run the check again.` };
    }
    await deps.graph.addGroupMember(groupId, user.id);
    turn.log.info({ caller: turn.caller.aadObjectId, userId: user.id, groupId }, 'diagnose: added user to the environment security group');
    const diagnosis = evaluateAccess(await gatherFacts(deps, user, env));
    await recordChange(deps, turn, DIAGNOSE_VERBS.confirmAdd, `added ${user.displayName} to ${diagnosis.keyFacts.securityGroup ?? 'the security group'}`, env.displayName);
    return { card: diagnosisCard(diagnosis, { note: { text: `Added ${user.displayName} to ${diagnosis.keyFacts.securityGroup ?? groupId}.`, tone: 'good' }, cloud: deps.config.microsoft.cloud.name }) };
  },
};

export const cancelAction: CardAction<{ confirmationId: string }> = {
  verb: DIAGNOSE_VERBS.cancel,
  access: 'helpdesk',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const cancelled = await cancelConfirmation(deps.db, { id: confirmationId, userId: confirmerId(turn), now: deps.now() });
    return { text: cancelled ? 'Cancelled. Nothing was changed.' : 'There was nothing left to cancel.' };
  },
};
