import type { Deps } from '../../app/deps';
import { mapBounded } from '../../map-bounded';
import { DataverseWriteError } from '../../gateways/dataverse/write-errors';
import { tenantCache } from '../../gateways/tenant-cache';
import type { DataverseTeam } from '../../gateways/types';
import { answer, type Answer } from '../roles/shared/answer';
import { findEnvironment, findGroup } from '../roles/shared/find-target';
import { findRole, readCatalogue } from '../roles/shared/role-catalogue';
import { recordChange, type ChangeRecord } from '../roles/shared/record-change';
import { explainRefusal } from '../roles/shared/refusals';
import { linkText, MEMBERSHIP_LABELS, type LinkRequest, type ListGroupTeamsRequest, type MembershipType } from './parse-link';

export interface LinkPlan {
  environment: { id: string; displayName: string; instanceUrl: string };
  group: { id: string; displayName: string; kind: 'securityGroup' | 'officeGroup' };
  role: { roleId: string; name: string };
  membershipType: MembershipType;
  rootUnit: { id: string; name: string };
}

export type LinkOutcome = { kind: 'answer'; answer: Answer } | { kind: 'ready'; plan: LinkPlan; question: { title: string; text: string } };

const KIND_WORDS = { securityGroup: 'Microsoft Entra security group', officeGroup: 'Microsoft 365 group' } as const;

/** The group team already standing for this group and membership type (§11: one per pair), if any. */
export function existingLink(teams: readonly DataverseTeam[], groupId: string, membershipType: number): DataverseTeam | undefined {
  return teams.find((team) => team.groupId?.toLowerCase() === groupId.toLowerCase() && team.membershipType === membershipType);
}

/**
 * `pac admin assign-group` parity (§1.7, §11): a group team for an Entra group, of the group's kind, with
 * the chosen membership type, in the root business unit, holding one role. Refused before anything is
 * written when the group already has a team of that membership type.
 */
export async function planLink(deps: Deps, request: LinkRequest): Promise<LinkOutcome> {
  const env = await findEnvironment(deps, request.environment, (environment) => linkText({ ...request, environment }));
  if (!env.ok) return { kind: 'answer', answer: env.answer };
  const environment = env.value;
  const group = await findGroup(deps, request.group, (id) => linkText({ ...request, group: id, environment: environment.id }));
  if (!group.ok) return { kind: 'answer', answer: group.answer };
  const instanceUrl = environment.dataverse.instanceUrl;
  const [catalogue, teams] = await Promise.all([readCatalogue(deps, instanceUrl), deps.dataverse.listGroupTeams(instanceUrl)]);
  const found = findRole(catalogue, request.role, environment.displayName, (role) => linkText({ ...request, group: group.value.id, role, environment: environment.id }));
  if (!found.ok) return { kind: 'answer', answer: found.answer };
  const role = found.value;
  const name = group.value.displayName;
  const membership = MEMBERSHIP_LABELS[request.membershipType];
  const existing = existingLink(teams, group.value.id, request.membershipType);
  if (existing) {
    const roles = existing.roles.map((r) => r.name).join(', ') || 'no role';
    return { kind: 'answer', answer: answer(`${name} is already linked to ${environment.displayName} for ${membership.toLowerCase()}: the group team ${existing.name} gives ${roles}. Dataverse keeps one team per group and membership type, so I created nothing.`) };
  }
  const kind = group.value.groupTypes.includes('Unified') ? 'officeGroup' : 'securityGroup';
  const plan: LinkPlan = {
    environment: { id: environment.id, displayName: environment.displayName, instanceUrl },
    group: { id: group.value.id, displayName: name, kind },
    role: { roleId: role.roleId, name: role.name },
    membershipType: request.membershipType,
    rootUnit: { id: catalogue.root.businessUnitId, name: catalogue.root.name },
  };
  const securityGroupId = environment.dataverse.securityGroupId;
  const securityGroup = securityGroupId ? (await tenantCache(deps).group(securityGroupId))?.displayName ?? 'its security group' : null;
  const gate = securityGroup ? ` ${environment.displayName} admits only members of ${securityGroup}, so ${name}'s members still need to be in it.` : '';
  return {
    kind: 'ready',
    plan,
    question: {
      title: `Link ${name} to ${environment.displayName} as ${role.name}?`,
      text: `Dataverse gets a group team "${name}" (${KIND_WORDS[kind]}, ${membership.toLowerCase()}) in the root business unit ${catalogue.root.name}, holding the role ${role.name}. ${membership} of ${name} get the role once they are in ${environment.displayName} and sign in or are synced: Dataverse fills group teams then, not before.${gate}`,
    },
  };
}

/** Creates the team (WhoAmI for its administrator, POST teams) and gives it the role: three requests; one audit row with names. */
export async function applyLink(deps: Deps, plan: LinkPlan, context: Pick<ChangeRecord, 'actor' | 'conversation'>): Promise<{ ok: boolean; text: string }> {
  const { environment, group, role } = plan;
  const membership = MEMBERSHIP_LABELS[plan.membershipType];
  const summary = `Link group ${group.displayName} to ${environment.displayName} as ${role.name} (${membership})`;
  const record = (result: 'ok' | 'failed', code?: string) => recordChange(deps, { ...context, what: 'group-teams.link', summary, environment: environment.displayName, result, code });
  let teamId: string;
  try {
    const me = await deps.dataverse.whoAmI(environment.instanceUrl);
    teamId = await deps.dataverse.createGroupTeam(environment.instanceUrl, {
      name: group.displayName, groupId: group.id, teamType: group.kind, membershipType: plan.membershipType, businessUnitId: plan.rootUnit.id, administratorId: me.userId || null,
    });
  } catch (error) {
    if (!(error instanceof DataverseWriteError)) throw error;
    await record('failed', error.refusal.code || error.code);
    const duplicate = error.refusal.code === '0x80040237' ? ` ${group.displayName} already has a team for ${membership.toLowerCase()} in ${environment.displayName}; type "group teams in ${environment.displayName}" to see it.` : '';
    return { ok: false, text: `I could not link ${group.displayName} to ${environment.displayName}. ${explainRefusal(error.refusal, environment.displayName)}${duplicate}` };
  }
  try {
    await deps.dataverse.assignTeamRole(environment.instanceUrl, teamId, role.roleId);
  } catch (error) {
    if (!(error instanceof DataverseWriteError)) throw error;
    await record('failed', error.refusal.code || error.code);
    return { ok: false, text: `I created the group team ${group.displayName} in ${environment.displayName}, but could not give it ${role.name}. ${explainRefusal(error.refusal, environment.displayName)}` };
  }
  await record('ok');
  return { ok: true, text: `Done: ${group.displayName} is linked to ${environment.displayName} as ${role.name} (${membership.toLowerCase()}). Its members get the role when they are in ${environment.displayName} and sign in or are synced.` };
}

export interface GroupTeamRow {
  team: string;
  group: string;
  kind: string;
  membership: string;
  roles: string[];
}

export type ListOutcome = { kind: 'answer'; answer: Answer } | { kind: 'teams'; environment: string; rows: GroupTeamRow[] };

/** `group teams in UAT`: one Dataverse query (teams with their roles) and each group's name (cached Graph reads). */
export async function listGroupTeams(deps: Deps, request: ListGroupTeamsRequest): Promise<ListOutcome> {
  const env = await findEnvironment(deps, request.environment, (environment) => `group teams in ${environment}`);
  if (!env.ok) return { kind: 'answer', answer: env.answer };
  const teams = await deps.dataverse.listGroupTeams(env.value.dataverse.instanceUrl);
  const rows = await mapBounded(teams, 4, async (team): Promise<GroupTeamRow> => {
    const group = team.groupId ? await tenantCache(deps).group(team.groupId) : null;
    return {
      team: team.name,
      group: group?.displayName ?? team.groupId ?? '',
      kind: team.teamType === 'officeGroup' ? 'Microsoft 365 group' : 'Security group',
      membership: MEMBERSHIP_LABELS[(team.membershipType as MembershipType)] ?? `type ${team.membershipType}`,
      roles: team.roles.map((r) => r.name).sort(),
    };
  });
  return { kind: 'teams', environment: env.value.displayName, rows: rows.sort((a, b) => a.team.localeCompare(b.team)) };
}
