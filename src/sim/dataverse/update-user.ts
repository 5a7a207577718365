import type { SimDataverse, SimSystemUser } from '../model';
import type { SimResponse } from '../types';
import { dataverseError } from './dataverse-errors';
import { requirePrivilege } from './privileges';
import { sameId } from './records';
import { GUID, notFound, referencedId, type DataverseSession, type ServedRequest } from './serve';

const BUSINESS_UNIT_BIND = 'businessunitid@odata.bind';

/**
 * PATCH systemusers(<id>) `{"businessunitid@odata.bind":"/businessunits(<id>)"}` → 204 (§9.3), the only
 * update the simulator serves. Needs prvWriteUser and prvReadBusinessUnit (403 otherwise). The user's
 * roles are removed, unless the organization setting DoNotRemoveRolesOnChangeBusinessUnit is true: then
 * each becomes the new unit's copy of the same root role, and a role with no copy there is dropped
 * (community write-ups of the setting; UNVERIFIED). The user leaves the old unit's default team and
 * joins the new one's; other teams, and roles held through them, are untouched.
 */
export function updateSystemUser(id: string, request: ServedRequest, session: DataverseSession): SimResponse {
  if (!GUID.test(id)) return dataverseError(400, '0x80060888', `Unrecognized 'Edm.Guid' literal '${id}' at '1' in '${id}'.`);
  const body = request.body;
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (!fields || Object.keys(fields).length !== 1 || !(BUSINESS_UNIT_BIND in fields)) {
    return dataverseError(400, '0x80060888', `The simulator updates only ${BUSINESS_UNIT_BIND} on systemusers.`);
  }
  const { dataverse, caller } = session;
  const refused = requirePrivilege(dataverse, caller, 'prvWriteUser', 'systemuser') ?? requirePrivilege(dataverse, caller, 'prvReadBusinessUnit', 'businessunit');
  if (refused) return refused;
  const user = dataverse.systemUsers.find((row) => sameId(row.systemUserId, id));
  if (!user) return notFound('systemuser', id);
  const unitId = referencedId(fields[BUSINESS_UNIT_BIND], 'businessunits', session.base);
  if (!unitId) return dataverseError(400, '0x80060888', `${BUSINESS_UNIT_BIND} must name /businessunits(<id>).`);
  const unit = dataverse.businessUnits.find((bu) => sameId(bu.id, unitId));
  if (!unit) return notFound('businessunit', unitId);
  if (!sameId(user.businessUnitId, unit.id)) moveUser(user, unit.id, dataverse);
  return { status: 204, headers: { 'odata-version': '4.0' } };
}

function moveUser(user: SimSystemUser, unitId: string, dataverse: SimDataverse): void {
  const keep = dataverse.settings?.doNotRemoveRolesOnChangeBusinessUnit === true;
  const rootOf = (roleId: string) => {
    const role = dataverse.roles.find((r) => sameId(r.id, roleId));
    return role ? (role.parentRootRoleId ?? role.id) : null;
  };
  const kept = keep
    ? user.roleIds.flatMap((roleId) => {
      const root = rootOf(roleId);
      const copy = dataverse.roles.find((r) => sameId(r.businessUnitId, unitId) && sameId(r.parentRootRoleId ?? r.id, root));
      return copy ? [copy.id] : [];
    })
    : [];
  user.roleIds.splice(0, user.roleIds.length, ...kept);
  const defaultTeamOf = (buId: string) => {
    const bu = dataverse.businessUnits.find((b) => sameId(b.id, buId));
    return dataverse.teams.find((t) => t.teamType === 0 && sameId(t.businessUnitId, buId) && t.name === bu?.name);
  };
  const oldTeam = defaultTeamOf(user.businessUnitId);
  if (oldTeam) oldTeam.memberIds.splice(0, oldTeam.memberIds.length, ...oldTeam.memberIds.filter((m) => !sameId(m, user.systemUserId)));
  const newTeam = defaultTeamOf(unitId);
  if (newTeam && !newTeam.memberIds.some((m) => sameId(m, user.systemUserId))) newTeam.memberIds.push(user.systemUserId);
  user.businessUnitId = unitId;
}
