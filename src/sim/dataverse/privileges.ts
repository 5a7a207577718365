import type { SimDataverse, SimRole, SimSystemUser } from '../model';
import { stableGuid } from '../ids';
import type { SimResponse } from '../types';
import { dataverseError } from './dataverse-errors';
import { sameId } from './records';

/** Entity type codes (ObjectTypeCode) of the tables whose privileges the simulator checks. */
const OBJECT_TYPE_CODES: Record<string, number> = { systemuser: 8, team: 9, businessunit: 10, organization: 1019, role: 1036, appmodule: 9006 };

/** The privilege a read of each entity set needs. */
export const READ_PRIVILEGES: Record<string, { privilege: string; entity: string }> = {
  systemusers: { privilege: 'prvReadUser', entity: 'systemuser' },
  teams: { privilege: 'prvReadTeam', entity: 'team' },
  roles: { privilege: 'prvReadRole', entity: 'role' },
  businessunits: { privilege: 'prvReadBusinessUnit', entity: 'businessunit' },
  organizations: { privilege: 'prvReadOrganization', entity: 'organization' },
  // §16: the Model-driven App privilege (Basic User holds it at organization depth)
  appmodules: { privilege: 'prvReadAppModule', entity: 'appmodule' },
};

/** The caller's roles: direct, and through the teams it belongs to (§3.1). */
export function rolesOf(dataverse: SimDataverse, caller: SimSystemUser): SimRole[] {
  const ids = new Set(caller.roleIds.map((id) => id.toLowerCase()));
  for (const team of dataverse.teams) {
    if (team.memberIds.some((id) => sameId(id, caller.systemUserId))) for (const id of team.roleIds) ids.add(id.toLowerCase());
  }
  return dataverse.roles.filter((role) => ids.has(role.id.toLowerCase()));
}

/**
 * Refuses with Dataverse's 403 0x80040220 when none of the caller's roles grants `privilege`. A role
 * without a `privileges` list grants every privilege (System Administrator). Depths (user, business unit,
 * organization) are not modelled. The wording follows the error as Microsoft's troubleshooting articles
 * quote it; the privilege ids in it are the simulator's own (UNVERIFIED, documented).
 */
export function requirePrivilege(dataverse: SimDataverse, caller: SimSystemUser, privilege: string, entity: string): SimResponse | null {
  const roles = rolesOf(dataverse, caller);
  if (roles.some((role) => !role.privileges || role.privileges.includes(privilege))) return null;
  const privilegeCount = new Set(roles.flatMap((role) => role.privileges ?? [])).size;
  const otc = OBJECT_TYPE_CODES[entity] ?? 0;
  return dataverseError(
    403,
    '0x80040220',
    `Principal user (Id=${caller.systemUserId}, type=8, roleCount=${roles.length}, privilegeCount=${privilegeCount}, accessMode=${caller.accessMode}), is missing ${privilege} privilege (Id=${stableGuid(`privilege:${privilege}`)}) on OTC=${otc} for entity '${entity}'.`,
  );
}
