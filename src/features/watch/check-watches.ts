import type { Deps } from '../../app/deps';
import { formatWhen } from '../../app/text';
import { confirmBeforeSync } from '../../domain/confirm-before-sync';
import { AppError, toAppError } from '../../errors';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { createJob, getJob, setJobCard, transitionJob } from '../../jobs/job-store';
import { fillMembers } from '../sync/fill-members';
import { syncProgressCard } from '../sync/sync-progress.card';
import { syncRuntimeFor } from '../sync/sync-runtime';
import { listWatches, recordCheck, removeWatch, type Watch } from './watch-store';

/**
 * One pass over every watch: asks Graph what changed in the group since the stored delta link and
 * starts a sync job for the people added, posted to the conversation that asked for the watch.
 * A problem is told to that conversation once (when it first appears) and kept on the watch.
 * Returns the ids of the jobs started.
 */
export async function checkWatches(deps: Deps): Promise<string[]> {
  const started: string[] = [];
  for (const watch of await listWatches(deps.db)) {
    try {
      const jobId = await checkOne(deps, watch);
      if (jobId) started.push(jobId);
    } catch (error) {
      const problem = toAppError(error).userMessage;
      deps.log.warn({ err: error, watch: watch.id, group: watch.group.id }, 'could not check a watched group');
      await recordCheck(deps.db, watch.id, deps.now(), { error: problem });
      if (watch.lastError !== problem) await tell(deps, watch, `I could not check **${watch.group.displayName}** for new members to sync into ${watch.environment.displayName}: ${problem} I will try again at the next check.`);
    }
  }
  return started;
}

async function checkOne(deps: Deps, watch: Watch): Promise<string | null> {
  let delta;
  try {
    delta = await deps.graph.groupMemberDelta(watch.group.id, watch.deltaLink);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'graph.resync')) throw error;
    // Graph forgot where we were: start again from now, and say that additions in between may be missed.
    const fresh = await deps.graph.groupMemberDelta(watch.group.id);
    if (!fresh.deltaLink) throw error;
    await recordCheck(deps.db, watch.id, deps.now(), { deltaLink: fresh.deltaLink });
    await tell(deps, watch, `Microsoft Graph lost track of changes to **${watch.group.displayName}**, so I started watching it afresh. People added since ${formatWhen(watch.lastCheckedAt ?? watch.createdAt)} may not be in ${watch.environment.displayName}: **sync ${watch.group.displayName} to ${watch.environment.displayName}** catches them up.`);
    return null;
  }
  if (!delta.deltaLink) throw new Error(`Graph did not finish the change list of group ${watch.group.id}`);
  const groupId = watch.group.id.toLowerCase();
  const latest = new Map<string, boolean>();
  for (const change of delta.changes) if (change.groupId.toLowerCase() === groupId) latest.set(change.memberId.toLowerCase(), change.removed);
  const added = new Set([...latest].filter(([, removed]) => !removed).map(([id]) => id));
  const users = added.size > 0 ? await peopleStillInGroup(deps, watch, added) : [];
  if (users.length === 0) {
    await recordCheck(deps.db, watch.id, deps.now(), { deltaLink: delta.deltaLink });
    return null;
  }
  const environment = await deps.powerPlatform.getEnvironment(watch.environment.id);
  if (!environment?.dataverse) {
    throw new AppError('input.not_found', `${watch.environment.displayName} is no longer an environment with a Dataverse database.`);
  }
  if (confirmBeforeSync(environment)) {
    await removeWatch(deps.db, watch.id);
    await tell(deps, watch, `${environment.displayName} is a Production environment now, where every sync needs a person to confirm it, so I stopped watching **${watch.group.displayName}** for it. Nobody was synced; **sync ${watch.group.displayName} to ${environment.displayName}** asks first.`);
    return null;
  }
  return queueJob(deps, watch, environment, users, delta.deltaLink);
}

/** The added ids that are people still in the group (one listing of the group, never a request per person). */
async function peopleStillInGroup(deps: Deps, watch: Watch, added: Set<string>): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  for await (const page of deps.graph.listGroupMembers(watch.group.id)) {
    for (const member of page) if (member.kind === 'user' && added.has(member.id.toLowerCase())) users.push(member);
  }
  return users;
}

/**
 * The job is filled while it cannot run (`preview`), then queued in the same transaction that stores
 * the new delta link: a failure or a crash on the way leaves the link where it was, so the next check
 * finds the same people again, and never starts them twice.
 */
async function queueJob(deps: Deps, watch: Watch, environment: Environment, users: DirectoryUser[], deltaLink: string): Promise<string> {
  const id = await createJob(deps.db, {
    kind: 'group',
    requestedBy: watch.createdBy,
    conversationKey: watch.conversationKey,
    environment: watch.environment,
    target: `${users.length === 1 ? 'a new member' : `${users.length} new members`} of ${watch.group.displayName} (watched)`,
    // New members often got their licence from the same group a moment ago (group-based licensing lags).
    options: { waitForLicences: true },
    state: 'preview',
    now: deps.now(),
  });
  try {
    await fillMembers({ deps, jobId: id, environment, source: { users } });
  } catch (error) {
    await transitionJob(deps.db, id, ['preview'], 'cancelled', { now: deps.now(), error: 'The new members could not be checked; the next check tries again.' });
    throw error;
  }
  await deps.db.transaction().execute(async (trx) => {
    await transitionJob(trx, id, ['preview'], 'queued', { now: deps.now() });
    await recordCheck(trx, watch.id, deps.now(), { deltaLink });
  });
  const job = await getJob(deps.db, id);
  if (job) {
    // The job runs (and reports failures) whether or not its card could be posted.
    await deps.notifier.sendCard(watch.conversationKey, syncProgressCard(job))
      .then((ref) => setJobCard(deps.db, id, ref))
      .catch((error: unknown) => deps.log.warn({ err: error, jobId: id }, 'could not post a watched sync card'));
  }
  await syncRuntimeFor(deps).engine.start(id);
  return id;
}

async function tell(deps: Deps, watch: Watch, text: string): Promise<void> {
  await deps.notifier.sendText(watch.conversationKey, text).catch((error: unknown) => deps.log.warn({ err: error, watch: watch.id }, 'could not post to a watch conversation'));
}

