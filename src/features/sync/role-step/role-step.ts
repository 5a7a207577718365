import type { Logger } from 'pino';
import { AppError } from '../../../errors';
import type { BatchOperation, DataverseGateway, SystemUser, WriteOutcome } from '../../../gateways/types';
import type { AfterSyncStep, VisibleMember } from '../../../jobs/after-sync';
import type { SyncJob } from '../../../jobs/job-types';
import { recordRoleOutcomes, syncedWithoutRole, type RoleOutcome } from '../../../jobs/role-outcomes';
import type { Db } from '../../../store/schema';
import { explainRefusal } from '../../roles/shared/refusals';

const PAGE = 1000;
/** Dataverse's code for a pair that is already there (re-association, UNVERIFIED behaviour): the member holds the role. */
const DUPLICATE = '0x80040237';

interface Member {
  seq: number;
  systemUserId: string;
  businessUnitId: string | null;
  /** Moved by this step: the roles Dataverse removed on the move are gone, whatever the holders said before. */
  moved: boolean;
}

type StepDeps = { db: Db; dataverse: DataverseGateway; log: Logger };

/**
 * The role and business-unit step of a sync (`sync … as <role> [in business unit <unit>]`), run once
 * the visibility check is over, for the members Dataverse shows. Requests: the role's copies with their
 * holders (one read, more only past 5,000 holders of a copy), then `$batch` requests of 1,000 operations:
 * the moves first (§9.3), then the roles (§9.1); never one request per member. Members who already hold
 * the role are not touched; members Dataverse never showed get no role, with the reason.
 */
export function createRoleStep(deps: StepDeps): AfterSyncStep {
  return {
    wants: (job) => Boolean(job.options.role ?? job.options.businessUnit),
    async run(job, visible) {
      const instanceUrl = job.environment.instanceUrl;
      if (!instanceUrl) return;
      const members = [...visible.map(memberOf), ...(await resumed(deps, job, instanceUrl, new Set(visible.map((v) => v.seq))))];
      const outcomes: RoleOutcome[] = [];
      try {
        const remaining = job.options.businessUnit ? await moveMembers(deps.dataverse, job, instanceUrl, members, outcomes) : members;
        if (job.options.role) await assignRole(deps.dataverse, job, instanceUrl, remaining, outcomes);
        else outcomes.push(...remaining.map((m) => ({ seq: m.seq, state: m.moved ? ('assigned' as const) : ('held' as const), detail: null })));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        deps.log.warn({ err: error, jobId: job.id }, 'sync role step failed');
        const done = new Set(outcomes.map((o) => o.seq));
        outcomes.push(...members.filter((m) => !done.has(m.seq)).map((m) => ({ seq: m.seq, state: 'failed' as const, detail: error.userMessage })));
      }
      await recordRoleOutcomes(deps.db, job.id, outcomes);
      await recordNeverVisible(deps.db, job);
    },
  };
}

function memberOf(visible: VisibleMember): Member {
  return { seq: visible.seq, systemUserId: visible.row.systemUserId, businessUnitId: visible.row.businessUnitId ?? null, moved: false };
}

/** Members a previous run of the job saw (a restart between the sync and its role step): read again, in batched queries. */
async function resumed(deps: StepDeps, job: SyncJob, instanceUrl: string, seen: ReadonlySet<number>): Promise<Member[]> {
  const out: Member[] = [];
  for (let after = 0; ;) {
    const page = (await syncedWithoutRole(deps.db, job.id, true, after, PAGE));
    const wanted = page.filter((m) => !seen.has(m.seq));
    if (wanted.length > 0) {
      const rows = new Map((await deps.dataverse.findSystemUsers(instanceUrl, wanted.map((m) => m.objectId))).map((r) => [r.azureObjectId.toLowerCase(), r]));
      for (const m of wanted) {
        const row: SystemUser | undefined = rows.get(m.objectId.toLowerCase());
        if (row) out.push({ seq: m.seq, systemUserId: row.systemUserId, businessUnitId: row.businessUnitId ?? null, moved: false });
      }
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return out;
    after = last.seq;
  }
}

/** Members not yet in the business unit are moved in `$batch`; the ones Dataverse refuses get that reason and no role. */
async function moveMembers(dataverse: DataverseGateway, job: SyncJob, instanceUrl: string, members: Member[], outcomes: RoleOutcome[]): Promise<Member[]> {
  const unit = job.options.businessUnit as NonNullable<SyncJob['options']['businessUnit']>;
  const toMove = members.filter((m) => m.businessUnitId?.toLowerCase() !== unit.id.toLowerCase());
  const results = await runBatch(dataverse, instanceUrl, toMove.map((m) => ({ kind: 'change-business-unit', systemUserId: m.systemUserId, businessUnitId: unit.id })));
  const refused = new Set<number>();
  toMove.forEach((member, i) => {
    const result = results[i];
    if (result && !result.ok) {
      refused.add(member.seq);
      outcomes.push({ seq: member.seq, state: 'failed', detail: `Not moved to the business unit ${unit.name}: ${explainRefusal(result.refusal, job.environment.displayName)}` });
    } else {
      member.businessUnitId = unit.id;
      member.moved = true;
    }
  });
  return members.filter((m) => !refused.has(m.seq));
}

async function assignRole(dataverse: DataverseGateway, job: SyncJob, instanceUrl: string, members: Member[], outcomes: RoleOutcome[]): Promise<void> {
  const role = job.options.role as NonNullable<SyncJob['options']['role']>;
  const copies = await dataverse.listRoles(instanceUrl, { rootRoleId: role.rootRoleId, withHolders: true });
  const root = copies.find((c) => c.roleId.toLowerCase() === role.rootRoleId.toLowerCase());
  const copyOf = (unitId: string | null) => copies.find((c) => c.businessUnitId.toLowerCase() === (unitId ?? root?.businessUnitId ?? '').toLowerCase());
  const pending: { member: Member; roleId: string }[] = [];
  for (const member of members) {
    const copy = copyOf(member.businessUnitId);
    if (!copy) outcomes.push({ seq: member.seq, state: 'failed', detail: `Their business unit has no copy of ${role.name}, so Dataverse would refuse it.` });
    else if (!member.moved && copy.userIds.includes(member.systemUserId.toLowerCase())) outcomes.push({ seq: member.seq, state: 'held', detail: null });
    else pending.push({ member, roleId: copy.roleId });
  }
  const results = await runBatch(dataverse, instanceUrl, pending.map(({ member, roleId }) => ({ kind: 'assign-role', systemUserId: member.systemUserId, roleId })));
  pending.forEach(({ member }, i) => {
    const result = results[i];
    if (!result || result.ok) outcomes.push({ seq: member.seq, state: 'assigned', detail: null });
    else if (result.refusal.code === DUPLICATE) outcomes.push({ seq: member.seq, state: 'held', detail: null });
    else outcomes.push({ seq: member.seq, state: 'failed', detail: explainRefusal(result.refusal, job.environment.displayName) });
  });
}

function runBatch(dataverse: DataverseGateway, instanceUrl: string, operations: BatchOperation[]): Promise<WriteOutcome[]> {
  return operations.length === 0 ? Promise.resolve([]) : dataverse.runBatch(instanceUrl, operations);
}

/** Synced members Dataverse did not show before the visibility check gave up: no role step, and why. */
async function recordNeverVisible(db: Db, job: SyncJob): Promise<void> {
  const what = job.options.role ? `the role ${job.options.role.name}` : `the move to ${job.options.businessUnit?.name ?? 'the business unit'}`;
  const detail = `Not in Dataverse yet when the sync ended, so ${what} was not given: run the same sync again in a few minutes.`;
  for (let after = 0; ;) {
    const page = await syncedWithoutRole(db, job.id, false, after, PAGE);
    await recordRoleOutcomes(db, job.id, page.map((m) => ({ seq: m.seq, state: 'failed', detail })));
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return;
    after = last.seq;
  }
}
