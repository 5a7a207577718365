import type { CardAction } from '../../app/routes';
import { inert } from '../../app/text';
import { fold } from '../../domain/resolve';
import { AppError, invalidInput } from '../../errors';
import { getJob } from '../../jobs/job-store';
import { findMember } from '../../jobs/member-store';
import { jobIdField } from './action-data';
import { describeReason } from './describe-reason';
import { SYNC_VERBS } from './sync-result.card';

/** "Re-check a user": is this member of the job in the environment now, enabled? One Dataverse query. */
export const recheckUserAction: CardAction<{ jobId: string; user: string }> = {
  verb: SYNC_VERBS.recheck,
  access: 'helpdesk',
  parse: (data) => {
    const user = typeof data.user === 'string' ? data.user.trim() : '';
    if (user === '' || user.length > 200) throw invalidInput('Type a name or email address in the box, then press Re-check a user.');
    return { jobId: jobIdField(data), user };
  },
  async run(_turn, params, deps) {
    const job = await getJob(deps.db, params.jobId);
    if (!job) throw new AppError('job.not_found', `There is no sync job ${params.jobId}.`);
    const wanted = fold(params.user);
    const member = await findMember(deps.db, job.id,
      (m) => fold(m.userPrincipalName) === wanted || fold(m.displayName) === wanted || fold(m.displayName).startsWith(wanted));
    if (!member) return { text: `Nobody called "${inert(params.user)}" is part of job ${job.id}.` };
    if (!job.environment.instanceUrl) return { text: `${job.environment.displayName} has no Dataverse database.` };
    const rows = await deps.dataverse.findSystemUsers(job.environment.instanceUrl, [member.objectId]);
    const row = rows[0];
    if (row && !row.isDisabled) return { text: `${member.displayName} is in ${job.environment.displayName} now, enabled (access mode ${row.accessMode}).` };
    if (row) return { text: `${member.displayName} is in ${job.environment.displayName} but disabled${row.disabledReason ? `: ${row.disabledReason}` : ''}.` };
    if (member.state === 'failed' || member.state === 'skipped') {
      const reason = describeReason(member.reason);
      return { text: `${member.displayName} is not in ${job.environment.displayName}: ${reason.title}. ${reason.fix}` };
    }
    return { text: `${member.displayName} is not visible in ${job.environment.displayName} yet (${member.state === 'synced' ? 'added; Dataverse can take a few minutes' : 'not synced yet'}).` };
  },
};
