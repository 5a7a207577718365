import type { Db } from '../../store/schema';
import { getJob } from '../../jobs/job-store';
import type { MemberRow } from '../../jobs/job-types';
import { countPredictedBlocked, groupByReason, listMembers } from '../../jobs/member-store';
import { describeReason } from './describe-reason';
import { loadResultView, NAMES_PER_REASON } from './result-view';
import { roleTotals } from '../../jobs/role-outcomes';
import { roleResultFact } from './role-step/role-facts';

const PAGE = 1000;

export interface ReportIo {
  out(line: string): void;
}

function memberJson(m: MemberRow, dryRun: boolean): string {
  const outcome = dryRun ? (m.prediction ?? 'ready') : m.state === 'pending' || m.state === 'running' ? 'skipped' : m.state;
  const reason = dryRun ? m.predictionReason : m.reason;
  const detail = dryRun
    ? (m.prediction === 'blocked' ? m.detail ?? describeReason(reason).title : 'Meets the requirements for the sync.')
    : m.state === 'synced' ? (m.visible ? 'Added; confirmed in Dataverse.' : 'Added, not visible in Dataverse yet.')
      : m.state === 'pending' || m.state === 'running' ? 'Not attempted: the job stopped first.'
        : m.detail ?? describeReason(reason).title;
  const role = m.role ? { role: { outcome: m.role.state, detail: m.role.detail } } : {};
  return JSON.stringify({ id: m.objectId, userPrincipalName: m.userPrincipalName, displayName: m.displayName, outcome, reason: reason ?? null, detail, ...role });
}

/**
 * The CLI's JSON (docs/sync.md), written page by page so 50,000 members never sit in memory at once:
 * `{ jobId, environment, target, state, totals, notVisibleYet, members: [...] }`.
 */
export async function writeJsonReport(db: Db, jobId: string, dryRun: boolean, io: ReportIo): Promise<void> {
  const job = await getJob(db, jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  const t = job.totals;
  const predictedBlocked = dryRun ? await countPredictedBlocked(db, jobId) : 0;
  const head = {
    jobId: dryRun ? null : job.id,
    dryRun,
    environment: { id: job.environment.id, displayName: job.environment.displayName },
    target: job.target,
    state: dryRun ? 'preview' : job.state,
    error: job.error,
    totals: dryRun
      ? { members: t.members, ready: t.members - predictedBlocked, blocked: predictedBlocked, synced: 0, failed: 0, skipped: 0 }
      : { members: t.members, synced: t.synced, failed: t.failed, skipped: t.skipped + t.pending },
    notVisibleYet: t.synced - t.visible,
    ...(!dryRun && (job.options.role || job.options.businessUnit) ? { roleStep: { role: job.options.role?.name ?? null, businessUnit: job.options.businessUnit?.name ?? null, ...(await roleTotals(db, jobId)) } } : {}),
    durationMs: job.startedAt !== null && job.finishedAt !== null ? job.finishedAt - job.startedAt : null,
  };
  io.out(`${JSON.stringify(head).slice(0, -1)},"members":[`);
  let first = true;
  for (let offset = 0; ; offset += PAGE) {
    const page = await listMembers(db, jobId, { offset, limit: PAGE });
    for (const m of page) {
      io.out(`${first ? '' : ','}${memberJson(m, dryRun)}`);
      first = false;
    }
    if (page.length < PAGE) break;
  }
  io.out(']}');
}

/** A short human summary: totals, then each failure reason with names and the fix. */
export async function writeTextReport(db: Db, jobId: string, dryRun: boolean, io: ReportIo): Promise<void> {
  const view = await loadResultView(db, jobId);
  if (!view) throw new Error(`job ${jobId} vanished`);
  const { job } = view;
  const t = job.totals;
  if (dryRun) {
    const blocked = await countPredictedBlocked(db, jobId);
    io.out(`Dry run: ${job.target} → ${job.environment.displayName}: ${t.members} members, ${t.members - blocked} ready, ${blocked} blocked.`);
  } else {
    io.out(`Job ${job.id}: ${job.target} → ${job.environment.displayName}: ${t.synced} synced (${t.synced - t.visible} not visible yet), ${t.failed} failed, ${t.skipped} skipped.`);
    if (job.error) io.out(`Stopped: ${job.error}`);
    const roleFact = view.roleStep ? roleResultFact(job, view.roleStep.totals) : null;
    if (roleFact) io.out(`${roleFact.title}: ${roleFact.value}.`);
    for (const failure of view.roleStep?.failures ?? []) io.out(`- Synced, but not given (${failure.count}): ${failure.names.join(', ')}${failure.count > failure.names.length ? ` and ${failure.count - failure.names.length} more` : ''}. ${failure.detail}`);
  }
  const groups = dryRun ? await groupByReason(db, jobId, 'pending', NAMES_PER_REASON, true) : [...view.failures, ...view.skipped];
  for (const g of groups) {
    const text = describeReason(g.reason);
    io.out(`- ${text.title} (${g.count}): ${g.names.join(', ')}${g.count > g.names.length ? ` and ${g.count - g.names.length} more` : ''}. ${text.fix}`);
  }
}
