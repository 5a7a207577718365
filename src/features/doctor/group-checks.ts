import type { Config } from '../../config';
import type { DirectoryGroup, DoctorProbe, GraphGateway } from '../../gateways/types';
import { AppError } from '../../errors';
import { notChecked, passed, type DoctorCheck } from './doctor-report';
import { answered } from './graph-checks';

const ROLES = {
  admins: { id: 'group.admins', setting: 'ADMINS_GROUP_ID', title: 'Admins group', may: 'sync, apply fixes, set up notifications, read the audit trail and run doctor' },
  helpdesk: { id: 'group.helpdesk', setting: 'HELPDESK_GROUP_ID', title: 'Helpdesk group', may: 'check why someone cannot get in, and read the sync history' },
} as const;

type Which = keyof typeof ROLES;

/** The admins and helpdesk groups: set, found, security groups, with members. */
export function roleGroupChecks(deps: { graph: Pick<GraphGateway, 'getGroup'>; doctor: Pick<DoctorProbe, 'readGraph'> }, roles: Config['roles'], canReadGroups: boolean): Promise<DoctorCheck[]> {
  return Promise.all((['admins', 'helpdesk'] as const).map((which) => roleGroupCheck(deps, which, which === 'admins' ? roles.adminsGroupId : roles.helpdeskGroupId, canReadGroups)));
}

async function roleGroupCheck(deps: Parameters<typeof roleGroupChecks>[0], which: Which, groupId: string | null, canReadGroups: boolean): Promise<DoctorCheck> {
  const { id, setting, may } = ROLES[which];
  const title = `${ROLES[which].title} (${setting})`;
  if (groupId === null) {
    return { id, status: 'warn', title, detail: `Not set: nobody may ${may}.`, fix: `Set ${setting} to the object id of an Entra security group (Entra admin center → Groups → the group → Object ID).` };
  }
  if (!canReadGroups) return notChecked(id, title, 'the bot cannot read groups (see Graph permission GroupMember.Read.All).', 'Graph permission GroupMember.Read.All');
  let group: DirectoryGroup | null;
  try {
    group = await deps.graph.getGroup(groupId);
  } catch (error) {
    return { id, status: 'warn', title, detail: `Could not check: ${error instanceof AppError ? error.userMessage : 'Microsoft Graph did not answer.'}`, fix: 'Run doctor again in a minute.' };
  }
  if (group === null) {
    return { id, status: 'fail', title, detail: `No group has the object id ${groupId}: nobody may ${may}.`, fix: `Set ${setting} to the object id of an existing Entra security group (Entra admin center → Groups → the group → Object ID).` };
  }
  const problems: { detail: string; fix: string }[] = [];
  if (!group.securityEnabled || group.groupTypes.includes('Unified')) {
    problems.push({
      detail: `${group.displayName} is a Microsoft 365 group, not a security group: its owners can add members without an Entra admin.`,
      fix: `Create a security group (Entra admin center → Groups → New group → Group type: Security), add the same people, and set ${setting} to its object id.`,
    });
  }
  const members = await deps.doctor.readGraph({ groupMembers: group.id });
  if (!members.ok) problems.push({ detail: `Could not read its members: GET /groups/{id}/members ${answered(members)}.`, fix: 'Run doctor again in a minute.' });
  else if (members.rows === 0) problems.push({ detail: `${group.displayName} has no members: nobody may ${may}.`, fix: `Add the people who should to ${group.displayName} (Entra admin center → Groups → ${group.displayName} → Members → Add members).` });
  if (problems.length === 0) return passed(id, title, `${group.displayName}: a security group with members.`);
  return { id, status: 'warn', title, detail: problems.map((p) => p.detail).join(' '), fix: problems.map((p) => p.fix).join(' ') };
}
