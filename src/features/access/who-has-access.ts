import type { Deps } from '../../app/deps';
import { tenantCache } from '../../gateways/tenant-cache';
import type { EnvironmentUser, GroupMember } from '../../gateways/types';
import type { Answer } from '../roles/shared/answer';
import { findEnvironment, type DataverseEnvironment } from '../roles/shared/find-target';
import { classifyAccess, type AccessReport } from './classify-access';

export interface WhoHasAccessRequest {
  environment: string;
}

export type WhoHasAccessOutcome = { kind: 'answer'; answer: Answer } | { kind: 'report'; report: AccessReport };

export const whoHasAccessText = (environment: string): string => `who has access to ${environment}`;

/**
 * `who has access to UAT`: the environment's security group against its Dataverse users, in pages, never one
 * request per person. Graph: the group's direct members in pages of 999, its name and the SKUs (both cached
 * briefly): at most ceil(M / 999) + 2. Dataverse: the users in pages of 5,000 and the teams with their roles:
 * ceil(U / 5,000) + 1.
 */
export async function whoHasAccess(deps: Deps, request: WhoHasAccessRequest): Promise<WhoHasAccessOutcome> {
  const env = await findEnvironment(deps, request.environment, whoHasAccessText);
  if (!env.ok) return { kind: 'answer', answer: env.answer };
  return { kind: 'report', report: await accessReport(deps, env.value) };
}

export async function accessReport(deps: Deps, environment: DataverseEnvironment): Promise<AccessReport> {
  return (await readAccess(deps, environment)).report;
}

/** The report and the Dataverse rows it was made from (the role picker ranks roles over them). */
export async function readAccess(deps: Deps, environment: DataverseEnvironment): Promise<{ report: AccessReport; rows: EnvironmentUser[] }> {
  const groupId = environment.dataverse.securityGroupId;
  const cache = tenantCache(deps);
  const [members, group, skus, rows] = await Promise.all([
    groupId ? directMembers(deps, groupId) : Promise.resolve([]),
    groupId ? cache.group(groupId) : Promise.resolve(null),
    groupId ? cache.skus() : Promise.resolve([]),
    deps.dataverse.listEnvironmentUsers(environment.dataverse.instanceUrl),
  ]);
  return { report: classifyAccess({ environment, groupName: group?.displayName ?? null, members, rows, skus }), rows };
}

async function directMembers(deps: Pick<Deps, 'graph'>, groupId: string): Promise<GroupMember[]> {
  const all: GroupMember[] = [];
  for await (const page of deps.graph.listGroupMembers(groupId)) all.push(...page);
  return all;
}
