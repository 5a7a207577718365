import { AppError, invalidInput } from '../../errors';
import { isGuid } from '../../ids';
import { dataverseScope } from '../auth/scopes';
import { TransportError, unavailable, type HttpClient, type HttpRequest, type HttpResponse } from '../http/http-client';
import { isRecord, str, strOrNull, type WireObject as Row } from '../http/wire';
import { queryString } from '../odata';
import type { BatchOperation, BusinessUnit, DataverseRoleAccess, NewGroupTeam, OrganizationSettings, RoleWithHolders, WriteOutcome } from '../types';
import { batchOutcomes, batchRequest } from './batch-wire';
import { writeError } from './write-errors';

/** §10: a `$batch` carries at most 1,000 requests. */
export const BATCH_SIZE = 1000;
const ROLE_COLUMNS = 'roleid,name,description,_businessunitid_value,_parentrootroleid_value';
const TEAM_TYPE_CODES = { securityGroup: 2, officeGroup: 3 } as const;

/** The read helpers of the Dataverse gateway this part builds on (paging, expanded collections). */
export interface DataverseReader {
  /** `{instanceUrl}/api/data/v9.2/` (validated). */
  base(instanceUrl: string): string;
  get(instanceUrl: string, url: string): Promise<unknown>;
  getAll(instanceUrl: string, url: string): Promise<Row[]>;
  /** An expanded collection complete, following its `<property>@odata.nextLink` when it was cut. */
  expanded(instanceUrl: string, row: Row, navigation: string): Promise<Row[]>;
}

/**
 * Roles, business units, organization settings and the writes of §9–§11. Every write is one request
 * with no retry (a 429 reaches the caller), except `$batch`, whose associations are idempotent and which
 * is retried on 429 after Retry-After like a read.
 */
export function createRoleAccess(http: HttpClient, reader: DataverseReader): DataverseRoleAccess {
  const send = async (instanceUrl: string, request: Omit<HttpRequest, 'scope'>): Promise<HttpResponse> => {
    try {
      return await http.send({ ...request, scope: dataverseScope(instanceUrl), headers: { 'odata-version': '4.0', 'odata-maxversion': '4.0', ...request.headers } });
    } catch (error) {
      throw error instanceof TransportError ? unavailable(`Dataverse (${instanceUrl})`, error) : error;
    }
  };
  const write = async (instanceUrl: string, request: Omit<HttpRequest, 'scope'>): Promise<HttpResponse> => {
    const response = await send(instanceUrl, request);
    if (response.status !== 204 && response.status !== 200 && response.status !== 201) throw writeError(response, instanceUrl);
    return response;
  };
  const roleRef = (instanceUrl: string, roleId: string) => ({ '@odata.id': `${reader.base(instanceUrl)}roles(${guid(roleId, 'role')})` });

  return {
    async listRoles(instanceUrl, options = {}) {
      const expand = options.withHolders ? { $expand: 'systemuserroles_association($select=systemuserid),teamroles_association($select=teamid)' } : {};
      const filter = options.rootRoleId ? { $filter: `_parentrootroleid_value eq ${guid(options.rootRoleId, 'role')}` } : {};
      const rows = await reader.getAll(instanceUrl, `${reader.base(instanceUrl)}roles${queryString({ $select: ROLE_COLUMNS, ...filter, ...expand })}`);
      const roles: RoleWithHolders[] = [];
      for (const row of rows) {
        const [users, teams] = options.withHolders
          ? await Promise.all([reader.expanded(instanceUrl, row, 'systemuserroles_association'), reader.expanded(instanceUrl, row, 'teamroles_association')])
          : [[], []];
        roles.push({
          roleId: str(row.roleid),
          name: str(row.name),
          description: strOrNull(row.description),
          businessUnitId: str(row._businessunitid_value),
          rootRoleId: strOrNull(row._parentrootroleid_value) ?? str(row.roleid),
          userIds: users.map((u) => str(u.systemuserid).toLowerCase()),
          teamIds: teams.map((t) => str(t.teamid).toLowerCase()),
        });
      }
      return roles;
    },

    async listBusinessUnits(instanceUrl) {
      const rows = await reader.getAll(instanceUrl, `${reader.base(instanceUrl)}businessunits${queryString({ $select: 'businessunitid,name,_parentbusinessunitid_value' })}`);
      return rows.map((row): BusinessUnit => ({ businessUnitId: str(row.businessunitid), name: str(row.name), parentId: strOrNull(row._parentbusinessunitid_value) }));
    },

    async readOrganizationSettings(instanceUrl): Promise<OrganizationSettings> {
      const [row] = await reader.getAll(instanceUrl, `${reader.base(instanceUrl)}organizations${queryString({ $select: 'orgdborgsettings' })}`);
      return { doNotRemoveRolesOnChangeBusinessUnit: xmlSetting(str(row?.orgdborgsettings), 'DoNotRemoveRolesOnChangeBusinessUnit') };
    },

    async whoAmI(instanceUrl) {
      const body = await reader.get(instanceUrl, `${reader.base(instanceUrl)}WhoAmI`);
      const answer = isRecord(body) ? body : {};
      return { userId: str(answer.UserId), businessUnitId: str(answer.BusinessUnitId) };
    },

    async assignRole(instanceUrl, systemUserId, roleId) {
      await write(instanceUrl, { method: 'POST', url: `${reader.base(instanceUrl)}systemusers(${guid(systemUserId, 'user')})/systemuserroles_association/$ref`, body: roleRef(instanceUrl, roleId) });
    },

    async removeRole(instanceUrl, systemUserId, roleId) {
      const base = reader.base(instanceUrl);
      await write(instanceUrl, { method: 'DELETE', url: `${base}systemusers(${guid(systemUserId, 'user')})/systemuserroles_association/$ref?$id=${base}roles(${guid(roleId, 'role')})` });
    },

    async assignTeamRole(instanceUrl, teamId, roleId) {
      await write(instanceUrl, { method: 'POST', url: `${reader.base(instanceUrl)}teams(${guid(teamId, 'team')})/teamroles_association/$ref`, body: roleRef(instanceUrl, roleId) });
    },

    async createGroupTeam(instanceUrl, team: NewGroupTeam) {
      const body: Record<string, unknown> = {
        name: team.name,
        teamtype: TEAM_TYPE_CODES[team.teamType],
        azureactivedirectoryobjectid: guid(team.groupId, 'group'),
        membershiptype: team.membershipType,
        'businessunitid@odata.bind': `/businessunits(${guid(team.businessUnitId, 'business unit')})`,
      };
      if (team.administratorId) body['administratorid@odata.bind'] = `/systemusers(${guid(team.administratorId, 'user')})`;
      const response = await write(instanceUrl, { method: 'POST', url: `${reader.base(instanceUrl)}teams`, body });
      const id = /teams\(([0-9a-f-]{36})\)/i.exec(response.headers.get('odata-entityid') ?? '')?.[1];
      if (!id) throw new AppError('dataverse.failed', `Dataverse (${instanceUrl}) created the team but did not say its id.`, { message: 'POST teams without OData-EntityId' });
      return id.toLowerCase();
    },

    async changeBusinessUnit(instanceUrl, systemUserId, businessUnitId) {
      await write(instanceUrl, {
        method: 'PATCH',
        url: `${reader.base(instanceUrl)}systemusers(${guid(systemUserId, 'user')})`,
        body: { 'businessunitid@odata.bind': `/businessunits(${guid(businessUnitId, 'business unit')})` },
      });
    },

    async runBatch(instanceUrl, operations) {
      const base = reader.base(instanceUrl);
      for (const operation of operations) checkOperation(operation);
      const outcomes: WriteOutcome[] = [];
      for (let start = 0; start < operations.length; start += BATCH_SIZE) {
        const chunk = operations.slice(start, start + BATCH_SIZE);
        const response = await send(instanceUrl, { method: 'POST', url: `${base}$batch`, rawBody: batchRequest(base, chunk), headers: { prefer: 'odata.continue-on-error' }, retry: true });
        const parsed = batchOutcomes(response.headers.get('content-type'), response.text ?? '', chunk.length);
        if (!parsed) throw response.status === 200 ? new AppError('dataverse.failed', `Dataverse (${instanceUrl}) answered a batch I could not read.`, { message: 'unreadable $batch response' }) : writeError(response, instanceUrl);
        outcomes.push(...parsed);
      }
      return outcomes;
    },
  };
}

function checkOperation(operation: BatchOperation): void {
  guid(operation.systemUserId, 'user');
  guid(operation.kind === 'assign-role' ? operation.roleId : operation.businessUnitId, operation.kind === 'assign-role' ? 'role' : 'business unit');
}

function guid(id: string, what: string): string {
  if (!isGuid(id)) throw invalidInput(`"${id}" is not a valid ${what} id (a GUID).`);
  return id;
}

/** `<OrgSettings><Name>true</Name></OrgSettings>` → true; null when the element is absent. */
function xmlSetting(xml: string, name: string): boolean | null {
  const value = new RegExp(`<${name}>\\s*(true|false)\\s*</${name}>`, 'i').exec(xml)?.[1];
  return value === undefined ? null : value.toLowerCase() === 'true';
}

