import type { Deps } from '../../app/deps';
import type { CardAction } from '../../app/routes';
import type { AdaptiveCard } from '../../app/turn';
import { AppError } from '../../errors';
import { getJob } from '../../jobs/job-store';
import { listMembers } from '../../jobs/member-store';
import { jobIdField, pageField } from './action-data';
import { MEMBERS_PER_PAGE, syncMembersCard } from './sync-members.card';
import { SYNC_VERBS } from './sync-result.card';

interface PageParams {
  jobId: string;
  page: number;
}

async function membersPage(deps: Deps, params: PageParams): Promise<AdaptiveCard> {
  const job = await getJob(deps.db, params.jobId);
  if (!job) throw new AppError('job.not_found', `There is no sync job ${params.jobId}.`);
  const pages = Math.max(1, Math.ceil(job.totals.members / MEMBERS_PER_PAGE));
  const page = Math.min(params.page, pages);
  const members = await listMembers(deps.db, job.id, { offset: (page - 1) * MEMBERS_PER_PAGE, limit: MEMBERS_PER_PAGE });
  return syncMembersCard(job, members, page);
}

const parse = (data: Record<string, unknown>): PageParams => ({ jobId: jobIdField(data), page: pageField(data) });

/** "Show all" on a result card: the member list as a new message, so the result stays in view. */
export const showAllAction: CardAction<PageParams> = {
  verb: SYNC_VERBS.showAll,
  access: 'helpdesk',
  parse,
  async run(turn, params, deps) {
    await turn.replyCard(await membersPage(deps, params));
  },
};

/** Previous / Next on the member list: the list card changes in place. */
export const membersPageAction: CardAction<PageParams> = {
  verb: SYNC_VERBS.membersPage,
  access: 'helpdesk',
  parse,
  run: async (_turn, params, deps) => ({ card: await membersPage(deps, params) }),
};
