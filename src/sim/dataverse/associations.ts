import type { SimDataverse, SimRole, SimSystemUser, SimTeam } from '../model';
import type { SimResponse } from '../types';
import { dataverseError } from './dataverse-errors';
import { requirePrivilege } from './privileges';
import { sameId } from './records';
import { GUID, notFound, referencedId, type DataverseSession, type ServedRequest } from './serve';

/** `systemusers(<id>)/systemuserroles_association/$ref`, `teams(<id>)/teamroles_association(<roleid>)/$ref` (§9.1). */
export const REF_PATH = /^(systemusers|teams)\(([^)]*)\)\/([A-Za-z_]+)(?:\(([^)]*)\))?\/\$ref$/;

const ROLE_NAVIGATION: Record<string, string> = { systemusers: 'systemuserroles_association', teams: 'teamroles_association' };

interface Principal {
  kind: 'user' | 'team';
  id: string;
  businessUnitId: string;
  roleIds: string[];
  team?: SimTeam;
}

const NO_CONTENT: SimResponse = { status: 204, headers: { 'odata-version': '4.0' } };

/**
 * POST …/systemuserroles_association/$ref (or teamroles_association) `{"@odata.id":"{base}roles({id})"}` → 204.
 * Refused: without prvAssignRole (403 0x80040220), for a role of another business unit unless the
 * organization allows record ownership across business units (400 0x80041409 / 0x8004140d, §9.2), and
 * for an access team (0x80048331). An existing pair: `unverified.reassociateExistingRole`.
 */
export function associateRole(ref: RegExpExecArray, request: ServedRequest, session: DataverseSession): SimResponse {
  const target = parseRef(ref);
  if ('status' in target) return target;
  const roleId = referencedId(bodyReference(request.body), 'roles', session.base);
  if (!roleId) return dataverseError(400, '0x80060888', "The request body must be {\"@odata.id\": \"<Web API base>roles(<roleid>)\"}.");
  const refused = requirePrivilege(session.dataverse, session.caller, 'prvAssignRole', 'role');
  if (refused) return refused;
  const principal = principalOf(target.set, target.id, session.dataverse);
  if (!principal) return notFound(target.set === 'systemusers' ? 'systemuser' : 'team', target.id);
  const role = session.dataverse.roles.find((r) => sameId(r.id, roleId));
  if (!role) return notFound('role', roleId);
  if (principal.team?.teamType === 1) return dataverseError(400, '0x80048331', `Cannot assign roles or profiles to an access team (TeamId = ${principal.id}).`);
  const wrongUnit = wrongBusinessUnit(principal, role, session.dataverse);
  if (wrongUnit) return wrongUnit;
  if (principal.roleIds.some((id) => sameId(id, role.id))) {
    return session.config.unverified.reassociateExistingRole === 'duplicate' ? dataverseError(400, '0x80040237', 'Cannot insert duplicate key.') : NO_CONTENT;
  }
  principal.roleIds.push(role.id);
  return NO_CONTENT;
}

/**
 * DELETE …/systemuserroles_association/$ref?$id={base}roles({id}) or …/systemuserroles_association({id})/$ref
 * → 204 (§9.1). Needs prvAssignRole like the association (UNVERIFIED); a pair that does not exist answers
 * 204 as well (UNVERIFIED).
 */
export function disassociateRole(ref: RegExpExecArray, request: ServedRequest, session: DataverseSession): SimResponse {
  const target = parseRef(ref);
  if ('status' in target) return target;
  const roleId = ref[4] !== undefined ? (GUID.test(ref[4]) ? ref[4].toLowerCase() : null) : referencedId(request.query.get('$id'), 'roles', session.base);
  if (!roleId) return dataverseError(400, '0x80060888', "Name the role to remove: …/$ref?$id=<Web API base>roles(<roleid>), or …_association(<roleid>)/$ref.");
  const refused = requirePrivilege(session.dataverse, session.caller, 'prvAssignRole', 'role');
  if (refused) return refused;
  const principal = principalOf(target.set, target.id, session.dataverse);
  if (!principal) return notFound(target.set === 'systemusers' ? 'systemuser' : 'team', target.id);
  const index = principal.roleIds.findIndex((id) => sameId(id, roleId));
  if (index >= 0) principal.roleIds.splice(index, 1);
  return NO_CONTENT;
}

function parseRef(ref: RegExpExecArray): { set: 'systemusers' | 'teams'; id: string } | SimResponse {
  const set = ref[1] as 'systemusers' | 'teams';
  const id = ref[2] ?? '';
  const navigation = ref[3] ?? '';
  if (!GUID.test(id)) return dataverseError(400, '0x80060888', `Unrecognized 'Edm.Guid' literal '${id}' at '1' in '${id}'.`);
  if (navigation !== ROLE_NAVIGATION[set]) {
    return dataverseError(405, '0x80060888', `The simulator serves $ref only on ${ROLE_NAVIGATION[set] ?? 'role'} of ${set}, not '${navigation}'.`);
  }
  return { set, id: id.toLowerCase() };
}

function bodyReference(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['@odata.id'] : undefined;
}

function principalOf(set: 'systemusers' | 'teams', id: string, dataverse: SimDataverse): Principal | undefined {
  if (set === 'systemusers') {
    const user: SimSystemUser | undefined = dataverse.systemUsers.find((row) => sameId(row.systemUserId, id));
    return user && { kind: 'user', id: user.systemUserId, businessUnitId: user.businessUnitId, roleIds: user.roleIds };
  }
  const team = dataverse.teams.find((row) => sameId(row.id, id));
  return team && { kind: 'team', id: team.id, businessUnitId: team.businessUnitId, roleIds: team.roleIds, team };
}

/** §9.2: UserInWrongBusiness / TeamInWrongBusiness, unless "record ownership across business units" is on. */
function wrongBusinessUnit(principal: Principal, role: SimRole, dataverse: SimDataverse): SimResponse | null {
  if (sameId(principal.businessUnitId, role.businessUnitId) || dataverse.settings?.enableOwnershipAcrossBusinessUnits === true) return null;
  const details = `Details: ${principal.kind === 'user' ? 'userid' : 'teamid'}=${principal.id}, ${principal.kind === 'user' ? 'userBU' : 'teamBU'}=${principal.businessUnitId}, roleId=${role.id}, roleBU=${role.businessUnitId}`;
  return principal.kind === 'user'
    ? dataverseError(400, '0x80041409', `Cannot associate security role because the security role's Business Unit is not the same as the user's Business Unit. ${details}`)
    : dataverseError(400, '0x8004140d', `Cannot associate security role because the security role's Business Unit is not the same as the team's Business Unit. ${details}`);
}
