import type { Db } from '../../../src/store/schema';
import type { RunningSimulator } from '../../../src/sim/server';
import type { TestUser } from '../../helpers/bot-harness';

/** Contoso demo tenant personas (src/sim/tenants/contoso.json). */
export const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
export const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
export const PLAIN: TestUser = { name: 'Ingrid Olsen', aadObjectId: 'b098f3a2-ffb2-42bd-88d7-a8b45bfda857' };
export const ANONYMOUS: TestUser = { name: 'Web Chat' };
export const JANE = '1bc176ac-113e-4105-a8d2-93516aa828e1';
export const UAT = 'ceb11b53-d685-4c77-9a64-37b481898617';
export const UAT_ACCESS = 'b334d23a-c075-4b09-a359-4e9089de4a59';
export const OTHER_TENANT = '9c1d5e2a-7b3f-4a6e-8d0c-2f4b6a8e0c13';

const WRITE = /^(POST|PUT|PATCH|DELETE) /;
const READ_ONLY_POSTS = /(\$batch|checkMemberGroups|checkMemberObjects|getMemberGroups)$/;

export interface MicrosoftCalls {
  graph: number;
  graphWrites: number;
  bap: number;
  addUser: number;
  dataverse: number;
}

/** Requests the bot made to the simulated Microsoft services so far, with writes counted apart. */
export function microsoftCalls(sim: RunningSimulator): MicrosoftCalls {
  const stats = sim.stats();
  const sum = (routes: Record<string, number>, keep: (route: string) => boolean) =>
    Object.entries(routes).reduce((n, [route, count]) => n + (keep(route) ? count : 0), 0);
  return {
    graph: stats.requests.graph,
    graphWrites: sum(stats.routes.graph, (r) => WRITE.test(r) && !READ_ONLY_POSTS.test(r)),
    bap: stats.requests.bap,
    addUser: sum(stats.routes.bap, (r) => r.includes('addUser')),
    dataverse: stats.requests.dataverse,
  };
}

/** Everything the bot stores except what every request legitimately adds (audit rows, conversation references). */
/** Every table a request could change (not the audit trail, conversations, rate-limit buckets or migrations), as JSON. */
export async function storeSnapshot(db: Db): Promise<string> {
  const tables = ['confirmations', 'notification_subscriptions', 'sync_job_members', 'sync_jobs', 'watches'] as const;
  const rows = await Promise.all(tables.map((name) => db.selectFrom(name).selectAll().execute()));
  return JSON.stringify(tables.map((name, i) => [name, rows[i]]));
}

export function tenantSnapshot(sim: RunningSimulator): string {
  return JSON.stringify(sim.state().fixture);
}
