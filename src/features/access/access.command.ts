import type { Deps } from '../../app/deps';
import type { CardAction, TextCommand } from '../../app/routes';
import { AppError } from '../../errors';
import { tenantCache } from '../../gateways/tenant-cache';
import { createJob, getJob, setJobCard } from '../../jobs/job-store';
import { appendMembers } from '../../jobs/member-store';
import { environmentId, guid } from '../diagnose/action-params';
import { appAudienceInstead } from '../apps/app-instead';
import { sendReply } from '../apps/send-reply';
import { actorOf, confirmationCard, parseConfirmation, redeem } from '../roles/shared/confirm';
import { answerResult, replyAnswer } from '../roles/shared/answer';
import type { DataverseEnvironment } from '../roles/shared/find-target';
import { syncProgressCard } from '../sync/sync-progress.card';
import { syncRuntimeFor } from '../sync/sync-runtime';
import type { AccessPerson } from './classify-access';
import { parseRemoveAccess, parseWhoHasAccess } from './parse-access';
import { applyRemoval, planRemoval, type RemovalPlan, type RemoveAccessRequest } from './remove-access';
import { pickRoleForPeople, pickRoleForPerson } from './role-picker';
import { ACCESS_VERBS, namesLine, whoHasAccessCard } from './who-has-access.card';
import { accessReport, whoHasAccess, type WhoHasAccessRequest } from './who-has-access';

const REMOVE_KIND = 'access.remove';
const SYNC_KIND = 'access.sync-missing';

export const whoHasAccessCommand: TextCommand<WhoHasAccessRequest> = {
  name: 'who has access',
  usage: 'who has access to <environment>',
  summary: "Who is in an environment and who isn't yet: its security group next to its Dataverse users, with a role or without, and who the next background sync disables.",
  examples: ['who has access to UAT'],
  access: 'helpdesk',
  parse: parseWhoHasAccess,
  async run(turn, request, deps) {
    await turn.typing();
    // "who has access to Field Inspection": an app's name, not an environment's (src/features/apps/app-instead.ts).
    const app = await appAudienceInstead(deps, request.environment);
    if (app) return sendReply(turn, app);
    const outcome = await whoHasAccess(deps, request);
    if (outcome.kind === 'answer') await replyAnswer(turn, outcome.answer);
    else await turn.replyCard(whoHasAccessCard(outcome.report));
  },
};

export const removeAccessCommand: TextCommand<RemoveAccessRequest> = {
  name: 'remove access',
  usage: 'remove <person> from <environment>',
  summary: "Take someone out of an environment's security group (Dataverse disables them at its next background sync; their records stay), after you confirm; then their roles there if you want.",
  examples: ['remove Jane from UAT'],
  access: 'admin',
  parse: parseRemoveAccess,
  async run(turn, request, deps) {
    await turn.typing();
    const outcome = await planRemoval(deps, request);
    if (outcome.kind === 'answer') await replyAnswer(turn, outcome.answer);
    else await turn.replyCard(await confirmationCard<RemovalPlan>(turn, deps, REMOVE_KIND, outcome.plan, outcome.question, { title: `Remove from ${outcome.plan.group.displayName}`, verb: ACCESS_VERBS.confirmRemove }));
  },
};

export const confirmRemoveAction: CardAction<{ confirmationId: string }> = {
  verb: ACCESS_VERBS.confirmRemove,
  access: 'admin',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const plan = await redeem<RemovalPlan>(turn, deps, REMOVE_KIND, confirmationId);
    return answerResult((await applyRemoval(deps, plan, { actor: actorOf(turn), conversation: turn.conversationKey })).answer);
  },
};

/** The environment a button names, read again (nothing on a card is trusted); it must have Dataverse. */
async function environmentOf(deps: Deps, id: string): Promise<DataverseEnvironment> {
  const env = (await tenantCache(deps).environments()).find((e) => e.id.toLowerCase() === id.toLowerCase());
  if (!env) throw new AppError('input.not_found', 'That environment no longer exists.');
  if (!env.dataverse) throw new AppError('input.not_found', `${env.displayName} has no Dataverse database.`);
  return env as DataverseEnvironment;
}

const parseEnvironment = (data: Record<string, unknown>) => ({ environmentId: environmentId(data, 'environmentId') });

interface SyncMissingPayload {
  environment: { id: string; displayName: string; instanceUrl: string };
  group: string;
  people: Pick<AccessPerson, 'id' | 'name' | 'upn'>[];
}

/** "Sync the 12 not yet in UAT": reads the gap again and asks to confirm that exact list (stored with the confirmation). */
export const syncMissingAction: CardAction<{ environmentId: string }> = {
  verb: ACCESS_VERBS.syncMissing,
  access: 'admin',
  expensive: true,
  parse: parseEnvironment,
  async run(turn, { environmentId: id }, deps) {
    const env = await environmentOf(deps, id);
    const report = await accessReport(deps, env);
    if (!report.group || report.notYet.length === 0) return { text: `Every member of ${report.group?.displayName ?? 'the security group'} is in ${env.displayName} now: nobody to sync.` };
    const payload: SyncMissingPayload = {
      environment: { id: env.id, displayName: env.displayName, instanceUrl: env.dataverse.instanceUrl },
      group: report.group.displayName,
      people: report.notYet.map(({ id: personId, name, upn }) => ({ id: personId, name, upn })),
    };
    const count = report.notYet.length;
    const question = {
      title: `Sync ${count} ${count === 1 ? 'person' : 'people'} into ${env.displayName}?`,
      text: `Power Platform adds these members of ${report.group.displayName} to ${env.displayName} now, rather than at their first sign-in: ${namesLine(report.notYet)}. Those it refuses are listed with the reason when the job ends.`,
    };
    return { card: await confirmationCard(turn, deps, SYNC_KIND, payload, question, { title: `Sync ${count}`, verb: ACCESS_VERBS.confirmSync }) };
  },
};

/** Runs the confirmed list through the sync job engine (the same jobs, limiter and result card as any sync). */
export const confirmSyncMissingAction: CardAction<{ confirmationId: string }> = {
  verb: ACCESS_VERBS.confirmSync,
  access: 'admin',
  expensive: true,
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const payload = await redeem<SyncMissingPayload>(turn, deps, SYNC_KIND, confirmationId);
    const jobId = await createJob(deps.db, {
      kind: 'users',
      requestedBy: actorOf(turn),
      conversationKey: turn.conversationKey,
      environment: payload.environment,
      target: `${payload.people.length} member${payload.people.length === 1 ? '' : 's'} of ${payload.group} not yet in ${payload.environment.displayName}`,
      options: {},
      state: 'queued',
      now: deps.now(),
    });
    await appendMembers(deps.db, jobId, payload.people.map((p) => ({ objectId: p.id, userPrincipalName: p.upn, displayName: p.name })));
    if (turn.sourceMessage) await setJobCard(deps.db, jobId, turn.sourceMessage);
    await syncRuntimeFor(deps).engine.start(jobId);
    const job = await getJob(deps.db, jobId);
    if (!job) throw new Error(`job ${jobId} was not stored`);
    return { card: syncProgressCard(job) };
  },
};

/** "Assign a role to the 3 without one": which role, with the others' roles first; the choice runs a sync with that role. */
export const assignRolesAction: CardAction<{ environmentId: string }> = {
  verb: ACCESS_VERBS.assignRoles,
  access: 'admin',
  parse: parseEnvironment,
  async run(_turn, { environmentId: id }, deps) {
    return answerResult(await pickRoleForPeople(deps, await environmentOf(deps, id)));
  },
};

/** "Assign a role" on a diagnosis card: which role for that person, their peers' roles first. */
export const pickRoleAction: CardAction<{ userId: string; environmentId: string }> = {
  verb: ACCESS_VERBS.pickRole,
  access: 'admin',
  parse: (data) => ({ userId: guid(data, 'userId', 'person'), ...parseEnvironment(data) }),
  async run(_turn, { userId, environmentId: id }, deps) {
    const [env, user] = await Promise.all([environmentOf(deps, id), deps.graph.getUser(userId)]);
    if (!user) throw new AppError('input.not_found', 'That person no longer exists in Entra ID.');
    return answerResult(await pickRoleForPerson(deps, env, user));
  },
};
