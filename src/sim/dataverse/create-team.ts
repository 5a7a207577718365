import { randomUUID } from 'node:crypto';
import type { SimTeam } from '../model';
import { findGroup } from '../state';
import type { SimResponse } from '../types';
import { dataverseError } from './dataverse-errors';
import { requirePrivilege } from './privileges';
import { sameId, teamRecord } from './records';
import { notFound, referencedId, type DataverseSession, type ServedRequest } from './serve';

const WRITABLE = new Set(['name', 'teamtype', 'membershiptype', 'azureactivedirectoryobjectid', 'description', 'businessunitid@odata.bind', 'administratorid@odata.bind']);

/**
 * POST teams (§11) → 204 with `OData-EntityId` (201 with the row for `Prefer: return=representation`).
 * A group team (teamtype 2 or 3, or any team given `azureactivedirectoryobjectid`) takes the group's name
 * and type when they are left out; it starts with no members: Dataverse adds them at sign-in or
 * provisioning (§3.5). Refused: without prvCreateTeam (403), for an unknown group (0x80041d68) and for a
 * second team of the same group and membership type (400 0x80040237, UNVERIFIED code). Omitted
 * `businessunitid` and `administratorid` default to the root business unit and the caller (UNVERIFIED).
 */
export function createTeam(request: ServedRequest, session: DataverseSession): SimResponse {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return dataverseError(400, '0x80060888', 'The request body must be a team object.');
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !WRITABLE.has(key));
  if (unknown) return dataverseError(400, '0x80060888', `Could not find a property named '${unknown.replace(/@odata\.bind$/, '')}' on type 'Microsoft.Dynamics.CRM.team'.`);
  const refused = requirePrivilege(session.dataverse, session.caller, 'prvCreateTeam', 'team');
  if (refused) return refused;
  const { dataverse, state } = session;
  const groupId = typeof fields.azureactivedirectoryobjectid === 'string' ? fields.azureactivedirectoryobjectid : null;
  const group = groupId ? findGroup(state, groupId) : undefined;
  if (groupId && !group) return dataverseError(400, '0x80041d68', 'The Azure AD Group was not found in your Azure Active Directory. Please validate the Group ID and try again.');
  const teamType = fields.teamtype ?? (group ? (group.kind === 'm365' ? 3 : 2) : 0);
  const membershipType = fields.membershiptype ?? 0;
  if (teamType !== 0 && teamType !== 1 && teamType !== 2 && teamType !== 3) return dataverseError(400, '0x80060888', `The value '${String(teamType)}' is not valid for teamtype.`);
  if (membershipType !== 0 && membershipType !== 1 && membershipType !== 2 && membershipType !== 3) return dataverseError(400, '0x80060888', `The value '${String(membershipType)}' is not valid for membershiptype.`);
  const isGroupTeam = teamType === 2 || teamType === 3;
  if (isGroupTeam && !group) return dataverseError(400, '0x80060888', 'A Microsoft Entra ID group team needs azureactivedirectoryobjectid.');
  if (isGroupTeam && dataverse.teams.some((t) => (t.teamType === 2 || t.teamType === 3) && sameId(t.groupId, groupId) && (t.membershipType ?? 0) === membershipType)) {
    return dataverseError(400, '0x80040237', 'Operation failed due to a SQL integrity violation.');
  }
  const root = dataverse.businessUnits.find((bu) => bu.parentId === null);
  const unitBind = fields['businessunitid@odata.bind'];
  const unitId = unitBind === undefined ? root?.id : referencedId(unitBind, 'businessunits', session.base);
  const unit = dataverse.businessUnits.find((bu) => sameId(bu.id, unitId));
  if (!unit) return unitId ? notFound('businessunit', unitId) : dataverseError(400, '0x80060888', 'businessunitid@odata.bind must name /businessunits(<id>).');
  const adminBind = fields['administratorid@odata.bind'];
  if (adminBind !== undefined) {
    const adminId = referencedId(adminBind, 'systemusers', session.base);
    if (!adminId) return dataverseError(400, '0x80060888', 'administratorid@odata.bind must name /systemusers(<id>).');
    if (!dataverse.systemUsers.some((u) => sameId(u.systemUserId, adminId))) return notFound('systemuser', adminId);
  }
  const name = typeof fields.name === 'string' && fields.name.trim() !== '' ? fields.name : group?.displayName;
  if (!name) return dataverseError(400, '0x80060888', 'A team needs a name.');
  const team: SimTeam = { id: randomUUID(), name, teamType, businessUnitId: unit.id, roleIds: [], memberIds: [] };
  if (isGroupTeam) Object.assign(team, { membershipType, groupId: group?.id ?? null });
  dataverse.teams.push(team);
  const location = `${session.base}teams(${team.id})`;
  if (/return=representation/i.test(request.headers.prefer ?? '')) {
    return { status: 201, headers: { 'odata-version': '4.0', 'odata-entityid': location }, body: { '@odata.context': `${session.base}$metadata#teams/$entity`, ...teamRecord(team, dataverse) } };
  }
  return { status: 204, headers: { 'odata-version': '4.0', 'odata-entityid': location } };
}
