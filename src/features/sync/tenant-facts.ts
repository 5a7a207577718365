import type { DirectoryUser, Environment, GraphGateway, SubscribedSku, SystemUser } from '../../gateways/types';
import type { TenantCache } from '../../gateways/tenant-cache';
import type { AccessFacts } from '../../domain/access/facts';
import { ADMIN_ROLE_TEMPLATES as ROLES } from '../../domain/admin-roles';

/** What is the same for every member of a group sync, fetched once: never per member. */
export interface TenantFacts {
  environment: Environment;
  skus: SubscribedSku[];
  admins: { global: Set<string>; powerPlatform: Set<string>; dynamics365: Set<string> };
  /** `named`: displayName is the group's real name (read by namedSecurityGroup), not a placeholder. */
  securityGroup: null | { id: string; displayName: string; named: boolean; members: Set<string>; owners: Set<string> };
}

/** Reads the security group's name once, so details name it ("not a member of UAT Access"); true when it was read now. */
export async function namedSecurityGroup(tenant: TenantFacts, cache: TenantCache): Promise<boolean> {
  const sg = tenant.securityGroup;
  if (!sg || sg.named) return false;
  const group = await cache.group(sg.id);
  sg.named = true;
  if (group) sg.displayName = group.displayName;
  return group !== null;
}

/**
 * Graph requests: SKUs 1, role holders 3, security group owners 1, security group members
 * ceil(M / 999) pages — the "+ ceil(M/999) + 5" part of the group-sync budget. The group's name
 * costs one more request, made only when someone is blocked by the group (namedSecurityGroup).
 */
export async function gatherTenantFacts(environment: Environment, graph: GraphGateway, cache: TenantCache): Promise<TenantFacts> {
  const groupId = environment.dataverse?.securityGroupId ?? null;
  const [skus, global, powerPlatform, dynamics365, members, owners] = await Promise.all([
    cache.skus(),
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
      ? { id: groupId, displayName: `group ${groupId}`, named: false, members: lower(members), owners: lower(owners) }
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
