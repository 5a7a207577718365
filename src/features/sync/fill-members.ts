import type { Deps } from '../../app/deps';
import { tenantCache } from '../../gateways/tenant-cache';
import type { DirectoryGroup, DirectoryUser, Environment } from '../../gateways/types';
import { appendMembers } from '../../jobs/member-store';
import { existingRows, predictMember } from './predict-member';
import { gatherTenantFacts, namedSecurityGroup } from './tenant-facts';

/**
 * Streams the members of a group (pages of 999, transitive when asked) or a list of people into a
 * job, each with a prediction from the diagnosis rules. Graph: ceil(N/999) + ceil(M/999) + 5, one
 * more when someone is blocked by the environment's security group (its name, for the detail).
 * Returns the nested groups met among the members.
 */
export async function fillMembers(input: {
  deps: Pick<Deps, 'db' | 'graph' | 'powerPlatform' | 'dataverse' | 'log' | 'now'>;
  jobId: string;
  environment: Environment;
  source: { group: DirectoryGroup; includeNested: boolean } | { users: DirectoryUser[] };
  /** Each page of people as it is read (the preview counts the group teams that will give them a role). */
  onUsers?: (users: DirectoryUser[]) => void;
}): Promise<{ nestedGroups: string[] }> {
  const { deps, jobId, environment, source } = input;
  const cache = tenantCache(deps);
  const tenant = await gatherTenantFacts(environment, deps.graph, cache);
  const instanceUrl = environment.dataverse?.instanceUrl ?? null;
  const add = async (users: DirectoryUser[]) => {
    const rowOf = await existingRows(deps, instanceUrl, users);
    const predict = () => users.map((u) => predictMember(u, tenant, rowOf(u.id)));
    let members = predict();
    if (members.some((m) => m.predictionReason === 'security-group') && (await namedSecurityGroup(tenant, cache))) members = predict();
    await appendMembers(deps.db, jobId, members);
    input.onUsers?.(users);
  };
  const nestedGroups: string[] = [];
  if ('users' in source) {
    await add(source.users);
    return { nestedGroups };
  }
  for await (const page of deps.graph.listGroupMembers(source.group.id, { transitive: source.includeNested })) {
    const users: DirectoryUser[] = [];
    for (const member of page) {
      if (member.kind === 'user') users.push(member);
      else if (member.kind === 'group') nestedGroups.push(member.displayName);
    }
    await add(users);
  }
  return { nestedGroups };
}
