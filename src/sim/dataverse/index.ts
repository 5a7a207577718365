import type { SimEnvironment } from '../model';
import { instanceUrlOf } from '../eligibility';
import type { SimConfig, SimContext, SimRequest, SimResponse, SurfaceHandler } from '../types';
import { collectionResponse, entityResponse } from './collection';
import { DataverseQueryError, dataverseError } from './dataverse-errors';
import { entitySet, navigationOf, type EntitySet, type Row, type Scope } from './entity-sets';
import { isSingleValued } from './navigation-metadata';
import { pinnedValues } from './filter-eval';
import { organizationIdOf } from './organization-id';
import { readQueryOptions } from './query-options';

const WEB_API = /^\/api\/data\/(v9\.[0-2])\/(.*)$/;
const RESOURCE = /^([A-Za-z]+)(?:\(([^)]*)\))?(?:\/([A-Za-z_]+))?\/?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One environment's Dataverse Web API (read side): systemusers, teams, roles, businessunits,
 * single rows, collection-valued navigation properties and WhoAmI. The caller must exist in the
 * org as an enabled application user, else 403 0x80072560 (§3.1).
 */
export const handleDataverse: SurfaceHandler = (req: SimRequest, ctx: SimContext): SimResponse => {
  const env = req.org ? ctx.state.environmentsByOrg.get(req.org.toLowerCase()) : undefined;
  const dataverse = env?.dataverse;
  if (!env || !dataverse) return dataverseError(404, '0x80040217', `The organization '${req.org ?? ''}' does not exist.`);
  const caller = dataverse.systemUsers.find((row) => row.applicationId?.toLowerCase() === req.token.appId.toLowerCase() && !row.isDisabled);
  if (!caller) return dataverseError(403, '0x80072560', 'The user is not a member of the organization.');
  const api = WEB_API.exec(req.path);
  if (!api) return dataverseError(404, '0x8006088a', `Resource not found for the segment '${req.path.split('/').filter(Boolean)[0] ?? ''}'.`);
  if (req.method !== 'GET') return dataverseError(405, '0x80060888', `The HTTP method '${req.method}' is not supported for this resource in the simulator.`);
  const base = `${instanceUrlOf(ctx.origin, dataverse.org)}api/data/${api[1]}/`;
  const resourcePath = api[2] ?? '';
  if (resourcePath === 'WhoAmI') return whoAmI(env, caller.systemUserId, caller.businessUnitId, base);
  // §3.1: app-only access needs an application user *with a security role* (direct, or through a team).
  const hasRole = caller.roleIds.length > 0 || dataverse.teams.some((team) => team.roleIds.length > 0 && team.memberIds.includes(caller.systemUserId));
  if (!hasRole) return missingPrivilege(caller.systemUserId, resourcePath);
  try {
    return readResource(resourcePath, req, { dataverse, state: ctx.state }, base, ctx.config);
  } catch (error) {
    if (error instanceof DataverseQueryError) return dataverseError(error.status, error.code, error.message);
    throw error;
  }
};

function readResource(resourcePath: string, req: SimRequest, scope: Scope, base: string, config: SimConfig): SimResponse {
  const match = RESOURCE.exec(resourcePath);
  const set = match ? entitySet(match[1] ?? '') : undefined;
  if (!match || !set) return dataverseError(404, '0x8006088a', `Resource not found for the segment '${resourcePath.split(/[(/]/)[0]}'.`);
  const [, , key, navigation] = match;
  const request = { base, resourcePath, query: req.query, prefer: req.headers.prefer, expandedLinkOnly: config.unverified.expandedCollectionsLinkOnly ?? false };
  if (key === undefined) {
    const read = readQueryOptions(req.query, set);
    return collectionResponse(candidateRows(set, scope, read.options.filter), set, read, request);
  }
  if (!GUID.test(key)) return dataverseError(400, '0x80060888', `Unrecognized 'Edm.Guid' literal '${key}' at '1' in '${key}'.`);
  const row = set.rows(scope).find((candidate) => String(candidate.record[set.key]).toLowerCase() === key.toLowerCase());
  if (!row) return dataverseError(404, '0x80040217', `Entity '${set.typeName}' With Id = ${key.toLowerCase()} Does Not Exist`);
  if (navigation === undefined) return entityResponse(row, set, readQueryOptions(req.query, set), base);
  const metadata = navigationOf(set, navigation);
  const target = metadata ? entitySet(metadata.target) : undefined;
  if (!metadata || !target) return dataverseError(404, '0x8006088a', `Resource not found for the segment '${navigation}'.`);
  const read = readQueryOptions(req.query, target);
  if (!isSingleValued(metadata)) return collectionResponse(row.navigate(navigation), target, read, request);
  // a single-valued navigation answers with the related row, or 204 when the lookup is empty (OData: a null value)
  const [related] = row.navigate(navigation);
  return related ? entityResponse(related, target, read, base) : { status: 204 };
}

/** Uses the object-id index when the filter pins azureactivedirectoryobjectid (a sync's lookups). */
function candidateRows(set: EntitySet, scope: Scope, filter: Parameters<typeof pinnedValues>[0] | null): Row[] {
  const pinned = filter && set.rowsByObjectId ? pinnedValues(filter, 'azureactivedirectoryobjectid') : null;
  return pinned && set.rowsByObjectId ? set.rowsByObjectId(scope, pinned) : set.rows(scope);
}

function whoAmI(env: SimEnvironment, userId: string, businessUnitId: string, base: string): SimResponse {
  return {
    status: 200,
    headers: { 'odata-version': '4.0' },
    body: {
      '@odata.context': `${base}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: businessUnitId,
      UserId: userId,
      OrganizationId: organizationIdOf(env.id),
    },
  };
}

/**
 * An application user without a security role. The status follows §3.1; the code and wording are
 * Dataverse's privilege error as seen in the field (UNVERIFIED: microsoft-apis.md gives neither).
 */
function missingPrivilege(systemUserId: string, resourcePath: string): SimResponse {
  const set = /^(\w+)/.exec(resourcePath)?.[1] ?? '';
  const privilege = READ_PRIVILEGES[set] ?? 'prvReadUser';
  return dataverseError(403, '0x80040220', `Principal user (Id=${systemUserId}, type=8, roleCount=0, privilegeCount=0, accessMode=4), is missing ${privilege} privilege.`);
}

const READ_PRIVILEGES: Record<string, string> = {
  systemusers: 'prvReadUser', teams: 'prvReadTeam', roles: 'prvReadRole', businessunits: 'prvReadBusinessUnit',
};
