import type { Deps } from '../../app/deps';
import { AppError } from '../../errors';
import type { AccessFacts, AdminRoles } from '../../domain/access/facts';
import type { DirectoryUser, Environment, SubscribedSku, SystemUser, DataverseTeam } from '../../gateways/types';
import { tenantCache } from './tenant-cache';

/** Well-known directory role template ids (microsoft-apis.md §4.7). */
const ROLE = {
  global: '62e90394-69f5-4237-9190-012177145e10',
  powerPlatform: '11648597-926c-4cf3-9c36-bcebb0ba8dcc',
  dynamics365: '44367163-eba1-44c3-98af-f5787879f96a',
} as const;

/** What is known about a person independent of the environment: gathered once, reused for every environment. */
export interface UserFacts {
  user: DirectoryUser;
  skus: SubscribedSku[];
  adminRoles: AdminRoles;
  directGroupIds: Set<string>;
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
  const templates = new Set(memberOf.roles.map((r) => r.roleTemplateId.toLowerCase()));
  return {
    user,
    skus,
    adminRoles: { global: templates.has(ROLE.global), powerPlatform: templates.has(ROLE.powerPlatform), dynamics365: templates.has(ROLE.dynamics365) },
    directGroupIds: new Set(memberOf.groups.map((g) => g.id.toLowerCase())),
    transitiveGroupIds: transitive,
  };
}

/** Dataverse reads the bot may not be allowed to do in this environment: reported as 'unknown', not as a failure of the whole diagnosis. */
async function readable<T>(deps: GatherDeps, read: () => Promise<T>, fallback: T): Promise<T> {
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
  systemUser: SystemUser | null | 'unknown';
  groupTeams: DataverseTeam[];
}

/**
 * The environment-specific reads, all in one parallel wave: the security group (name cached) and its
 * owners (Graph), the systemuser row with roles and teams, and the environment's group teams (Dataverse).
 */
export async function loadEnvironmentData(deps: GatherDeps, userId: string, environment: Environment): Promise<EnvironmentData> {
  const dataverse = environment.dataverse;
  const groupId = dataverse?.securityGroupId ?? null;
  const [group, ownerIds, systemUser, groupTeams] = await Promise.all([
    groupId ? tenantCache(deps).group(groupId) : null,
    groupId ? deps.graph.listGroupOwnerIds(groupId) : [],
    dataverse ? readable<SystemUser | null | 'unknown'>(deps, () => deps.dataverse.findSystemUser(dataverse.instanceUrl, userId), 'unknown') : null,
    dataverse ? readable<DataverseTeam[]>(deps, () => deps.dataverse.listGroupTeams(dataverse.instanceUrl), []) : [],
  ]);
  return { environment, groupName: group?.displayName ?? null, ownerIds, systemUser, groupTeams };
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
    userGroupIds: userFacts.transitiveGroupIds,
  };
}

/** Everything for one user in one environment in a single wave of parallel requests (≤5 Graph, 2 Dataverse). */
export async function gatherFacts(deps: GatherDeps, user: DirectoryUser, environment: Environment): Promise<AccessFacts> {
  const [userFacts, data] = await Promise.all([gatherUserFacts(deps, user), loadEnvironmentData(deps, user.id, environment)]);
  return combineFacts(userFacts, data);
}
