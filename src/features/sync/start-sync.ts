import { confirmerId } from '../../app/confirmations';
import { tenantCache } from '../../gateways/tenant-cache';
import type { Deps } from '../../app/deps';
import type { Turn } from '../../app/turn';
import { inert, tooLongName } from '../../app/text';
import { noteRefusal } from '../../security/refusals';
import { resolveEnvironment } from '../../domain/resolve';
import { noDataverse, replyEnvironmentNotFound } from '../environments/environment-replies';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { createJob, getJob, setJobCard, transitionJob } from '../../jobs/job-store';
import { countPredictedBlocked, skipBlocked } from '../../jobs/member-store';
import { fillMembers } from './fill-members';
import type { SyncJob } from '../../jobs/job-types';
import { namesWithMore } from './describe-reason';
import type { SyncRequest } from './parse-sync';
import { issueJobConfirmation, loadPreview, showPreview } from './prepare-preview';
import { syncConfirmCard } from './sync-confirm.card';
import { resolveTarget } from './resolve-target';
import { syncChooseCard } from './sync-choose.card';
import { syncPreviewCard } from './sync-preview.card';
import { syncProgressCard } from './sync-progress.card';
import { syncRuntimeFor } from './sync-runtime';
import { confirmBeforeSync } from '../../domain/confirm-before-sync';
import { replyAnswer } from '../roles/shared/answer';
import { resolveSyncRole } from './role-step/resolve-sync-role';

/** The command text for a choice button: the same request with one name replaced by an exact id (parts not given yet are left out). */
export function syncCommandText(request: Partial<SyncRequest>, replace: { target?: string; environment?: string } = {}): string {
  const flags = [request.includeNested ? ' including nested groups' : '', request.readyOnly ? ' ready only' : '', request.waitForLicences ? ' wait for licences' : ''];
  const target = replace.target ?? request.target;
  const environment = replace.environment ?? request.environment;
  const role = `${request.role ? ` as ${request.role}` : ''}${request.businessUnit ? ` in business unit ${request.businessUnit}` : ''}`;
  return `sync${target ? ` ${target}` : ''}${environment ? ` to ${environment}${role}` : ''}${flags.join('')}`;
}

/**
 * `sync …`: resolve the environment and the target; a group gets a preview first (prepared in the
 * background so the turn answers at once), named people are checked and, when nothing stops them, queued.
 * A request it will not act on (nothing matches, too many names) is noted as refused for the audit trail.
 */
export async function startSync(turn: Turn, request: SyncRequest, deps: Deps): Promise<void> {
  const refused = refuseSyncRequest(request);
  if (refused) {
    noteRefusal(turn, 'input.invalid');
    await turn.reply(refused);
    return;
  }
  await turn.typing();
  const environments = await tenantCache(deps).environments();
  const env = resolveEnvironment(request.environment, environments);
  if (env.kind === 'not-found') {
    noteRefusal(turn, 'input.not_found');
    const usable = env.suggestions.filter((e) => e.dataverse);
    await replyEnvironmentNotFound(turn, request.environment, usable, (environment) => syncCommandText(request, { environment }));
    return;
  }
  if (env.kind === 'ambiguous') {
    const choices = env.candidates.map((e) => ({ title: e.displayName, text: syncCommandText(request, { environment: e.id }) }));
    await turn.replyCard(syncChooseCard(`Several environments match "${inert(request.environment)}". Which one?`, choices, env.more));
    return;
  }
  const environment = env.value;
  if (!environment.dataverse) {
    noteRefusal(turn, 'input.invalid');
    await turn.reply(noDataverse(environment));
    return;
  }
  const roleParts = await resolveSyncRole(deps, environment, request, (part) => syncCommandText({ ...request, ...part }, { environment: environment.id }));
  if (!roleParts.ok) {
    await replyAnswer(turn, roleParts.answer);
    return;
  }
  request = { ...request, resolved: roleParts.options };
  const target = await resolveTarget(request, deps.graph);
  switch (target.kind) {
    case 'unknown':
      noteRefusal(turn, 'input.not_found');
      await turn.reply(target.message);
      return;
    case 'choose': {
      const replaced = (id: string) => (request.names.length > 1 && target.name !== request.target
        ? request.names.map((n) => (n === target.name ? id : n)).join(', ')
        : id);
      const choices = target.candidates.map((c) => ({ title: c.title, text: syncCommandText(request, { target: replaced(c.id), environment: environment.id }) }));
      await turn.replyCard(syncChooseCard(target.question, choices, target.more));
      return;
    }
    case 'group': {
      const job = await newJob(turn, deps, environment, { kind: 'group', target: `${target.group.displayName} (group)`, state: 'preview', request });
      const ref = await turn.replyCard(syncProgressCard(job, `Looking at the members of ${target.group.displayName} and checking each of them…`));
      await setJobCard(deps.db, job.id, ref);
      const requesterId = confirmerId(turn);
      syncRuntimeFor(deps).runInBackground(() => showPreview(deps, ref, { deps, jobId: job.id, group: target.group, environment, requesterId, requesterTeamsId: turn.caller.teamsId }));
      return;
    }
    case 'users':
      await queueUsers(turn, deps, environment, target.users, request);
  }
}

/** Named people in one message; more are a group's job (one Graph lookup per name). */
export const MAX_NAMED_PEOPLE = 50;

/** Why a sync request is refused before anything is looked up (chat and CLI alike), or null. */
export function refuseSyncRequest(request: SyncRequest): string | null {
  const count = request.names.length;
  return tooLongName(request.names) ?? tooLongName([request.environment], 'environment name') ?? (count <= MAX_NAMED_PEOPLE
    ? null
    : `That is too many people for one message (${count}, at most ${MAX_NAMED_PEOPLE}), so I looked nothing up. Put them in an Entra group and sync the group, or send them in smaller batches.`);
}

/**
 * Named people are checked first, with the predictions of a group preview. When the checks say Power
 * Platform would refuse someone, the card shows why, with the fixes, and syncs only on "Sync anyway" (or
 * "Sync the N ready"); otherwise they are queued at once, except into Production or with a role or business unit, which ask first.
 */
async function queueUsers(turn: Turn, deps: Deps, environment: Environment, users: DirectoryUser[], request: SyncRequest): Promise<void> {
  const label = namesWithMore(users.slice(0, 3).map((u) => u.displayName), users.length);
  const created = await newJob(turn, deps, environment, { kind: 'users', target: label, state: 'preview', request });
  await fillMembers({ deps, jobId: created.id, environment, source: { users } });
  if (request.readyOnly) await skipBlocked(deps.db, created.id);
  else if ((await countPredictedBlocked(deps.db, created.id)) > 0) {
    const preview = await loadPreview(deps, created.id, await issueJobConfirmation(deps, created.id, confirmerId(turn)));
    await setJobCard(deps.db, created.id, await turn.replyCard(syncPreviewCard({ ...preview, requesterId: turn.caller.teamsId })));
    return;
  }
  const job = (await getJob(deps.db, created.id)) ?? created;
  if (confirmBeforeSync(environment) || request.resolved?.role || request.resolved?.businessUnit) {
    const confirmationId = await issueJobConfirmation(deps, job.id, confirmerId(turn));
    await setJobCard(deps.db, job.id, await turn.replyCard(syncConfirmCard(job, confirmationId, deps.config.confirmationTtlMinutes, turn.caller.teamsId)));
    return;
  }
  await transitionJob(deps.db, job.id, ['preview'], 'queued', { now: deps.now() });
  const queued = (await getJob(deps.db, job.id)) ?? job;
  const ref = await turn.replyCard(syncProgressCard(queued));
  await setJobCard(deps.db, job.id, ref);
  await syncRuntimeFor(deps).engine.start(job.id);
}

async function newJob(
  turn: Turn, deps: Deps, environment: Environment,
  spec: { kind: 'group' | 'users'; target: string; state: 'preview' | 'queued'; request: SyncRequest },
): Promise<SyncJob> {
  const id = await createJob(deps.db, {
    kind: spec.kind,
    requestedBy: { aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name },
    conversationKey: turn.conversationKey,
    environment: { id: environment.id, displayName: environment.displayName, instanceUrl: environment.dataverse?.instanceUrl ?? null },
    target: spec.target,
    options: { includeNested: spec.request.includeNested, readyOnly: spec.request.readyOnly, waitForLicences: spec.request.waitForLicences, ...spec.request.resolved },
    state: spec.state,
    now: deps.now(),
  });
  const job = await getJob(deps.db, id);
  if (!job) throw new Error(`job ${id} was not stored`);
  return job;
}
