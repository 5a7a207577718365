import type { DirectoryUser, Environment, GraphGateway, SubscribedSku, SystemUser } from '../../gateways/types';
import type { AccessFacts } from '../../domain/access/facts';

/** Entra built-in role template ids (microsoft-apis.md §4.7). */
const ROLES = {
  global: '62e90394-69f5-4237-9190-012177145e10',
  powerPlatform: '11648597-926c-4cf3-9c36-bcebb0ba8dcc',
  dynamics365: '44367163-eba1-44c3-98af-f5787879f96a',
} as const;

/** What is the same for every member of a group sync, fetched once: never per member. */
export interface TenantFacts {
  environment: Environment;
  skus: SubscribedSku[];
  admins: { global: Set<string>; powerPlatform: Set<string>; dynamics365: Set<string> };
  securityGroup: null | { id: string; displayName: string; members: Set<string>; owners: Set<string> };
}

/**
 * Graph requests: SKUs 1, role holders 3, security group owners 1, security group members
 * ceil(M / 999) pages — the "+ ceil(M/999) + 5" part of the group-sync budget.
 */
export async function gatherTenantFacts(environment: Environment, graph: GraphGateway): Promise<TenantFacts> {
  const groupId = environment.dataverse?.securityGroupId ?? null;
  const [skus, global, powerPlatform, dynamics365, members, owners] = await Promise.all([
    graph.listSubscribedSkus(),
    graph.listDirectoryRoleMemberIds(ROLES.global),
    graph.listDirectoryRoleMemberIds(ROLES.powerPlatform),
    graph.listDirectoryRoleMemberIds(ROLES.dynamics365),
    groupId ? directMemberIds(graph, groupId) : Promise.resolve([]),
    groupId ? graph.listGroupOwnerIds(groupId) : Promise.resolve([]),
  ]);
  const lower = (ids: string[]) => new Set(ids.map((id) => id.toLowerCase()));
  return {
    environment,
    skus,
    admins: { global: lower(global), powerPlatform: lower(powerPlatform), dynamics365: lower(dynamics365) },
    securityGroup: groupId
      ? { id: groupId, displayName: `the security group of ${environment.displayName}`, members: lower(members), owners: lower(owners) }
      : null,
  };
}

async function directMemberIds(graph: GraphGateway, groupId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of graph.listGroupMembers(groupId)) for (const member of page) ids.push(member.id);
  return ids;
}

/**
 * The diagnosis facts of one member, from the bulk facts. Nested-only security-group membership is
 * not visible in bulk (that would cost requests per member); it does not count for addUser either.
 */
export function memberFacts(user: DirectoryUser, tenant: TenantFacts, systemUser: SystemUser | null | 'unknown'): AccessFacts {
  const id = user.id.toLowerCase();
  const sg = tenant.securityGroup;
  return {
    user,
    environment: tenant.environment,
    skus: tenant.skus,
    adminRoles: { global: tenant.admins.global.has(id), powerPlatform: tenant.admins.powerPlatform.has(id), dynamics365: tenant.admins.dynamics365.has(id) },
    securityGroup: sg
      ? { id: sg.id, displayName: sg.displayName, directMember: sg.members.has(id), owner: sg.owners.has(id), transitiveMember: sg.members.has(id) }
      : null,
    systemUser,
    groupTeams: [],
    userGroupIds: [],
  };
}
