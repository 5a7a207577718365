import type { Deps } from '../../app/deps';
import { AppError } from '../../errors';
import type { AccessFacts, AdminRoles } from '../../domain/access/facts';
import { adminRolesOf } from '../../domain/admin-roles';
import type { DirectoryUser, Environment, SubscribedSku, SystemUser, DataverseTeam } from '../../gateways/types';
import { tenantCache } from '../../gateways/tenant-cache';

/** What is known about a person independent of the environment: gathered once, reused for every environment. */
export interface UserFacts {
  user: DirectoryUser;
  skus: SubscribedSku[];
  adminRoles: AdminRoles;
  directGroupIds: Set<string>;
  /** The names of those groups (memberOf returns them), by lower-case id: no second read of a group the person is in. */
  directGroupNames: ReadonlyMap<string, string>;
  transitiveGroupIds: string[];
}

type GatherDeps = Pick<Deps, 'graph' | 'powerPlatform' | 'dataverse' | 'now' | 'log'>;

/** 3 Graph requests (memberOf, transitiveMemberOf, subscribedSkus — the last one cached), in parallel. */
export async function gatherUserFacts(deps: GatherDeps, user: DirectoryUser): Promise<UserFacts> {
  const [memberOf, transitive, skus] = await Promise.all([
    deps.graph.getMemberOf(user.id),
    deps.graph.getTransitiveGroupIds(user.id),
    tenantCache(deps).skus(),
  ]);
  return {
    user,
    skus,
    adminRoles: adminRolesOf(memberOf.roles.map((r) => r.roleTemplateId)),
    directGroupIds: new Set(memberOf.groups.map((g) => g.id.toLowerCase())),
    directGroupNames: new Map(memberOf.groups.map((g) => [g.id.toLowerCase(), g.displayName])),
    transitiveGroupIds: transitive,
  };
}

/** Dataverse reads the bot may not be allowed to do in this environment: reported as 'unknown', not as a failure of the whole diagnosis. */
export async function readable<T>(deps: GatherDeps, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('dataverse.')) {
      deps.log.warn({ code: error.code, err: error.message }, 'diagnosis: Dataverse read failed');
      return fallback;
    }
    throw error;
  }
}

export interface EnvironmentData {
  environment: Environment;
  groupName: string | null;
  ownerIds: string[];
  /** Groups of Owners group teams (membershiptype 2) that this user owns. */
  ownedTeamGroupIds: string[];
  systemUser: SystemUser | null | 'unknown';
  groupTeams: DataverseTeam[];
}

/**
 * The environment-specific reads, all in one parallel wave: the security group (name cached) and its
 * owners (Graph), the systemuser row with roles and teams, and the environment's group teams (Dataverse).
 * Only when the environment has Owners group teams (rare) does a second wave read those groups' owners.
 *
 * With `userFacts` (many environments for one person, read once beforehand or alongside), Graph is asked only
 * what those facts don't answer: the group's name when the person is not in it, and its owners only when the
 * person is not a direct member (ownership matters only then, §1.4). Dataverse reads don't wait for them.
 */
export async function loadEnvironmentData(deps: GatherDeps, userId: string, environment: Environment, userFacts?: Promise<UserFacts>): Promise<EnvironmentData> {
  const dataverse = environment.dataverse;
  const groupId = dataverse?.securityGroupId ?? null;
  const [groupName, ownerIds, systemUser, groupTeams] = await Promise.all([
    groupId ? groupNameOf(deps, groupId, userFacts) : null,
    groupId ? ownersOf(deps, groupId, userFacts) : [],
    dataverse ? readable<SystemUser | null | 'unknown'>(deps, () => deps.dataverse.findSystemUser(dataverse.instanceUrl, userId), 'unknown') : null,
    dataverse ? readable<DataverseTeam[]>(deps, () => deps.dataverse.listGroupTeams(dataverse.instanceUrl), []) : [],
  ]);
  const ownedTeamGroupIds = await ownedTeamGroups(deps, userId, groupTeams, groupId && ownerIds ? { groupId, ownerIds } : null);
  return { environment, groupName, ownerIds: ownerIds ?? [], ownedTeamGroupIds, systemUser, groupTeams };
}

async function groupNameOf(deps: GatherDeps, groupId: string, userFacts: Promise<UserFacts> | undefined): Promise<string | null> {
  const known = (await userFacts)?.directGroupNames.get(groupId.toLowerCase());
  return known ?? (await tenantCache(deps).group(groupId))?.displayName ?? null;
}

/** The group's owner ids; null when not read because the person is a direct member (then ownership changes nothing). */
async function ownersOf(deps: GatherDeps, groupId: string, userFacts: Promise<UserFacts> | undefined): Promise<string[] | null> {
  if ((await userFacts)?.directGroupIds.has(groupId.toLowerCase())) return null;
  return deps.graph.listGroupOwnerIds(groupId);
}

async function ownedTeamGroups(deps: GatherDeps, userId: string, teams: DataverseTeam[], known: { groupId: string; ownerIds: string[] } | null): Promise<string[]> {
  const ids = [...new Set(teams.filter((t) => t.membershipType === 2 && t.groupId).map((t) => (t.groupId as string).toLowerCase()))];
  const same = (a: string) => a.toLowerCase() === userId.toLowerCase();
  const owned = await Promise.all(
    ids.map(async (id) => {
      const owners = known && known.groupId.toLowerCase() === id ? known.ownerIds : await deps.graph.listGroupOwnerIds(id);
      return owners.some(same) ? id : null;
    }),
  );
  return owned.filter((id): id is string => id !== null);
}

export function combineFacts(userFacts: UserFacts, data: EnvironmentData): AccessFacts {
  const { user } = userFacts;
  const groupId = data.environment.dataverse?.securityGroupId ?? null;
  const key = groupId?.toLowerCase() ?? '';
  const transitive = new Set(userFacts.transitiveGroupIds.map((id) => id.toLowerCase()));
  return {
    user,
    environment: data.environment,
    skus: userFacts.skus,
    adminRoles: userFacts.adminRoles,
    securityGroup: groupId
      ? {
          id: groupId,
          displayName: data.groupName ?? `group ${groupId}`,
          directMember: userFacts.directGroupIds.has(key),
          owner: data.ownerIds.some((id) => id.toLowerCase() === user.id.toLowerCase()),
          transitiveMember: transitive.has(key) || userFacts.directGroupIds.has(key),
        }
      : null,
    systemUser: data.systemUser,
    groupTeams: data.groupTeams,
    userGroupIds: [...userFacts.directGroupIds],
    nestedGroupIds: [...transitive].filter((id) => !userFacts.directGroupIds.has(id)),
    ownedGroupIds: data.ownedTeamGroupIds,
  };
}

/** Everything for one user in one environment in a single wave of parallel requests (≤5 Graph, 2 Dataverse). */
export async function gatherFacts(deps: GatherDeps, user: DirectoryUser, environment: Environment): Promise<AccessFacts> {
  const [userFacts, data] = await Promise.all([gatherUserFacts(deps, user), loadEnvironmentData(deps, user.id, environment)]);
  return combineFacts(userFacts, data);
}
