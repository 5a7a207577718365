import type { Deps } from '../../app/deps';
import type { Environment } from '../../gateways/types';

/** One line of the environments list, in words a person reads (also the CLI's --json shape). */
export interface EnvironmentRow {
  id: string;
  name: string;
  type: string;
  isDefault: boolean;
  dataverse: boolean;
  instanceUrl: string | null;
  securityGroupId: string | null;
  /** Group display name; "None" when no group restricts access; "Unknown group (<id>)" when Graph cannot find it. */
  securityGroup: string;
  state: string;
}

/** Lists environments with their security group names: one Graph lookup per distinct group. */
export async function listEnvironments(deps: Pick<Deps, 'graph' | 'powerPlatform'>): Promise<EnvironmentRow[]> {
  const environments = await deps.powerPlatform.listEnvironments();
  const groupIds = [...new Set(environments.flatMap((e) => (e.dataverse?.securityGroupId ? [e.dataverse.securityGroupId.toLowerCase()] : [])))];
  const groups = await Promise.all(groupIds.map(async (id) => [id, await deps.graph.getGroup(id)] as const));
  const names = new Map(groups.map(([id, group]) => [id, group?.displayName ?? `Unknown group (${id})`]));
  return environments.map((e) => toRow(e, names)).sort(byDefaultThenName);
}

function toRow(environment: Environment, groupNames: Map<string, string>): EnvironmentRow {
  const groupId = environment.dataverse?.securityGroupId ?? null;
  return {
    id: environment.id,
    name: environment.displayName,
    type: environment.sku,
    isDefault: environment.isDefault,
    dataverse: environment.dataverse !== null,
    instanceUrl: environment.dataverse?.instanceUrl ?? null,
    securityGroupId: groupId,
    securityGroup: groupId ? (groupNames.get(groupId.toLowerCase()) ?? groupId) : 'None',
    state: environment.runtimeState,
  };
}

function byDefaultThenName(a: EnvironmentRow, b: EnvironmentRow): number {
  if (a.isDefault !== b.isDefault) return a.isDefault ? -1 : 1;
  return a.name.localeCompare(b.name);
}
