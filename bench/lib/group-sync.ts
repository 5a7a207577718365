import type { BotSession } from './bot-session';
import { buttonData, cardOf } from './fake-connector';

export interface SyncRun {
  jobId: string;
  state: string;
  /** From the `sync …` message to the preview card (listing members and tenant facts, predictions). */
  previewMs: number;
  /** The job engine's own start → finish (all addUser calls plus the Dataverse visibility check). */
  jobMs: number;
  members: number;
  synced: number;
  failed: number;
  skipped: number;
  visible: number;
  /** Members holding the role after a sync with a role (given by the role step, or held already). */
  roleAssigned: number;
}

interface JobRow {
  id: string;
  state: string;
  started_at: number | null;
  finished_at: number | null;
  members: number;
  synced: number;
  failed: number;
  skipped: number;
}

/**
 * A group sync the way an admin does it in Teams: `sync <group> to <environment>`, wait for the
 * preview card, press "Sync all", wait for the job to finish (read from the bot's store).
 * `whileRunning` starts right after the click and is awaited too.
 */
export async function syncGroupThroughBot(
  session: BotSession,
  group: string,
  environment: string,
  options: {
    timeoutMs: number;
    whileRunning?: () => Promise<void>;
    /** Words after the environment, e.g. `as Finance Clerk` (a sync with a role). */
    suffix?: string;
    /** Runs once the preview is there, before "Sync all" is pressed (e.g. to count the job's requests apart). */
    onPreview?: () => Promise<void>;
  },
): Promise<SyncRun> {
  const { timeoutMs } = options;
  const { activityId, postedAt } = await session.send(`sync ${group} to ${environment}${options.suffix ? ` ${options.suffix}` : ''}`);
  const progressCard = await session.replyTo(activityId, (s) => cardOf(s) !== undefined, 30_000);
  const preview = await session.connector.waitFor(
    (s) => s.method === 'PUT' && s.id === progressCard.id && buttonData(cardOf(s), 'Sync all') !== undefined,
    timeoutMs,
    'the sync preview card',
  );
  await options.onPreview?.();
  const confirm = buttonData(cardOf(preview), 'Sync all') as Record<string, unknown>;
  const answer = await session.invoke(String(confirm.verb ?? 'sync.confirm'), confirm);
  if (answer.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`"Sync all" did not start the job: ${JSON.stringify(answer.value)}`);
  const [job] = await Promise.all([waitForFinishedJob(session, timeoutMs), options.whileRunning?.()]);
  const visible = session.store.prepare('SELECT count(*) FROM sync_job_members WHERE job_id = ? AND visible = 1').pluck().get(job.id) as number;
  const roleAssigned = session.store.prepare("SELECT count(*) FROM sync_job_members WHERE job_id = ? AND role_state IN ('assigned', 'held')").pluck().get(job.id) as number;
  return {
    jobId: job.id,
    state: job.state,
    previewMs: preview.at - postedAt,
    jobMs: (job.finished_at ?? Number.NaN) - (job.started_at ?? Number.NaN),
    members: job.members,
    synced: job.synced,
    failed: job.failed,
    skipped: job.skipped,
    visible,
    roleAssigned,
  };
}

async function waitForFinishedJob(session: BotSession, timeoutMs: number): Promise<JobRow> {
  const query = session.store.prepare('SELECT id, state, started_at, finished_at, members, synced, failed, skipped FROM sync_jobs ORDER BY created_at DESC LIMIT 1');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = query.get() as JobRow | undefined;
    if (job && ['done', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`the sync job did not finish within ${timeoutMs} ms (state ${job?.state ?? 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
