import { mapBounded } from '../../map-bounded';
import { records as rows, str } from '../http/wire';
import { queryString } from '../odata';
import type { EnvironmentUser } from '../types';
import type { DataverseReader } from './role-access';
import { toSystemUser } from './system-user-mapper';

const USER_COLUMNS = 'systemuserid,azureactivedirectoryobjectid,domainname,fullname,isdisabled,accessmode,applicationid,azurestate,_businessunitid_value';
/** Single-level expands of N:N properties only (a nested one is refused, §3.3): role and team ids. */
const USER_EXPAND = 'systemuserroles_association($select=roleid),teammembership_association($select=teamid)';
const PARALLEL = 4;

/**
 * Every user of an environment with the roles that reach it, for "who has access": the users in pages
 * (`Prefer: odata.maxpagesize`, 5,000 by default) with their direct roles and teams expanded, then every team
 * with its roles, so a role through a team counts. ceil(U / 5,000) + 1 requests (more only when one user's
 * expanded roles or teams pass 5,000, which the reader follows).
 */
export function createEnvironmentUsers(reader: DataverseReader): { listEnvironmentUsers(instanceUrl: string): Promise<EnvironmentUser[]> } {
  return {
    async listEnvironmentUsers(instanceUrl) {
      const base = reader.base(instanceUrl);
      const [users, teams] = await Promise.all([
        reader.getAll(instanceUrl, `${base}systemusers${queryString({ $select: USER_COLUMNS, $expand: USER_EXPAND })}`),
        reader.getAll(instanceUrl, `${base}teams${queryString({ $select: 'teamid', $expand: 'teamroles_association($select=roleid)' })}`),
      ]);
      const rolesOfTeam = new Map<string, number>();
      for (const team of teams) rolesOfTeam.set(str(team.teamid).toLowerCase(), rows(team.teamroles_association).length);
      const teamRoles = (teamIds: string[]) => teamIds.reduce((sum, id) => sum + (rolesOfTeam.get(id) ?? 0), 0);
      return mapBounded(users, PARALLEL, async (row) => {
        const [roles, memberships] = await Promise.all([reader.expanded(instanceUrl, row, 'systemuserroles_association'), reader.expanded(instanceUrl, row, 'teammembership_association')]);
        const teamIds = memberships.map((team) => str(team.teamid).toLowerCase());
        return toEnvironmentUser(row, roles.length, teamRoles(teamIds), teamIds);
      });
    },
  };
}

function toEnvironmentUser(row: Record<string, unknown>, directRoles: number, teamRoles: number, teamIds: string[]): EnvironmentUser {
  const { systemUserId, azureObjectId, domainName, fullName, isDisabled, accessMode, applicationId, azureState, businessUnitId } = toSystemUser({ ...row, systemuserroles_association: [], teammembership_association: [] });
  return { systemUserId, azureObjectId, domainName, fullName, isDisabled, accessMode, applicationId, azureState, ...(businessUnitId ? { businessUnitId } : {}), directRoles, teamRoles, teamIds };
}
