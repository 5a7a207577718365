import type { SyncJob } from '../../../jobs/job-types';
import type { RoleTotals } from '../../../jobs/role-outcomes';

/** The preview's lines for what happens after the sync: the role, the business unit and the group teams (as card facts). */
export function previewRoleFacts(job: SyncJob): { title: string; value: string }[] {
  const { role, businessUnit, groupTeams = [] } = job.options;
  const members = job.totals.members;
  return [
    ...(businessUnit ? [{ title: 'Business unit', value: `${businessUnit.name}: each member is moved there once in ${job.environment.displayName} (Dataverse removes the roles they had, by default)` }] : []),
    ...(role ? [{ title: 'Role', value: `${role.name}: given to each member once in ${job.environment.displayName} (the copy of their business unit); those who have it already are left as they are` }] : []),
    ...groupTeams.map((gift) => ({
      title: 'Group team',
      value: `${gift.team} gives ${gift.roles.join(', ')} to ${gift.members === members ? (members === 1 ? 'this member' : `all ${members} members`) : `${gift.members} of ${members} members`} once they are synced and sign in`,
    })),
  ];
}

/** The result's line for the role step, or null when the job had none. */
export function roleResultFact(job: SyncJob, totals: RoleTotals): { title: string; value: string } | null {
  const { role, businessUnit } = job.options;
  if (!role && !businessUnit) return null;
  const title = role ? `Role ${role.name}` : `Business unit ${businessUnit?.name ?? ''}`;
  const done = role ? 'given' : 'moved';
  const parts = [`${totals.assigned} ${done}`, ...(totals.held > 0 ? [`${totals.held} ${role ? 'had it already' : 'there already'}`] : []), ...(totals.failed > 0 ? [`${totals.failed} failed`] : [])];
  return { title, value: parts.join(', ') };
}
