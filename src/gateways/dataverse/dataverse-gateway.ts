import { AppError, invalidInput } from '../../errors';
import { mapBounded } from '../../map-bounded';
import { dataverseScope } from '../auth/scopes';
import { TransportError, unavailable, type HttpClient } from '../http/http-client';
import { isRecord, records as rows, str } from '../http/wire';
import { isGuid } from '../../ids';
import { queryString } from '../odata';
import { IDS_PER_REQUEST, type AppModule, type DataverseGateway, type DataverseTeam, type SystemUser } from '../types';
import { APP_MODULE_COLUMNS, APP_MODULE_EXPAND, APP_ROLES, HOLDER_EXPANDS, HOLDERS_EXPAND, rootRolesFilter, toAppModule, toRoleHolders } from './app-modules';
import { dataverseError } from './dataverse-errors';
import { createEnvironmentUsers } from './environment-users';
import { createRoleAccess } from './role-access';
import { ROLE_COLUMNS, SYSTEM_USER_COLUMNS, TEAM_COLUMNS, toSystemUser, toTeam, valueRows } from './system-user-mapper';

const PARALLEL_CHUNKS = 4;
/**
 * A sync's user lookups (its preview, and the visibility check that ends its job) read 1,000 members in 20
 * requests: 10 at a time makes that two round trips. Dataverse allows 52 concurrent requests per user
 * (§3.6); with the everywhere diagnosis's 32 beside it, 10 leaves room for the rest.
 */
const PARALLEL_USER_LOOKUPS = 10;
const DEFAULT_PAGE_SIZE = 5000;
/** §3.3: at most 5,000 related rows come inline in one expanded collection. */
const EXPANDED_ROWS_CAP = 5000;

type Row = Record<string, unknown>;

export function createDataverseGateway(options: { http: HttpClient; pageSize?: number }): DataverseGateway {
  const { http } = options;
  const prefer = `odata.maxpagesize=${options.pageSize ?? DEFAULT_PAGE_SIZE}`;

  /** GETs a collection, following @odata.nextLink verbatim. */
  const getAll = async (instanceUrl: string, url: string): Promise<Row[]> => {
    const all: Row[] = [];
    for (let next: string | undefined = url; next; ) {
      if (!next.startsWith(apiBase(instanceUrl))) throw new AppError('dataverse.failed', `Dataverse (${instanceUrl}) sent a next-page link to another address; I stopped reading.`, { message: 'Dataverse nextLink outside the instance' });
      const response = await get(instanceUrl, next);
      all.push(...valueRows(response));
      const link = isRecord(response) ? response['@odata.nextLink'] : undefined;
      next = typeof link === 'string' && link !== '' ? link : undefined;
    }
    return all;
  };

  const get = async (instanceUrl: string, url: string): Promise<unknown> => {
    let response;
    try {
      response = await http.send({ method: 'GET', url, scope: dataverseScope(instanceUrl), headers: { prefer, 'odata-version': '4.0', 'odata-maxversion': '4.0' } });
    } catch (error) {
      throw error instanceof TransportError ? unavailable(`Dataverse (${instanceUrl})`, error) : error;
    }
    if (response.status !== 200) throw dataverseError(response, instanceUrl);
    return response.body;
  };

  /**
   * An expanded collection, complete. Dataverse puts `<property>@odata.nextLink` on every expanded
   * collection of a collection query ("Join tables using OData"): without `$skiptoken` it reads the same
   * rows again, so it is followed only when the inline rows stopped at the 5,000-row cap (read alone,
   * instead of them); with `$skiptoken` it is the next page of a paged expand, appended.
   */
  const expanded = async (instanceUrl: string, row: Row, navigation: string): Promise<Row[]> => {
    const inline = rows(row[navigation]);
    const link = row[`${navigation}@odata.nextLink`];
    if (typeof link !== 'string' || link === '') return inline;
    if (/[?&]\$skiptoken=/i.test(link)) return [...inline, ...(await getAll(instanceUrl, link))];
    return inline.length >= EXPANDED_ROWS_CAP ? getAll(instanceUrl, link) : inline;
  };

  /** Team rows whose expanded roles were paged get the rest of them (no request when none was). */
  const withAllRoles = (instanceUrl: string, teams: Row[]): Promise<Row[]> =>
    mapBounded(teams, PARALLEL_CHUNKS, async (team) => ({ ...team, teamroles_association: await expanded(instanceUrl, team, 'teamroles_association') }));

  /** The teams with their roles: one request per 50 teams, roles single-level expanded from the `teams` set. */
  const teamsWithRoles = async (instanceUrl: string, teams: Row[]): Promise<DataverseTeam[]> => {
    const ids = teams.map((team) => str(team.teamid)).filter(isGuid);
    const pages = await mapBounded(chunked(ids), PARALLEL_CHUNKS, async (chunk) => {
      const query = queryString({
        $filter: chunk.map((id) => `teamid eq ${id}`).join(' or '),
        $select: TEAM_COLUMNS,
        $expand: `teamroles_association($select=${ROLE_COLUMNS})`,
      });
      return withAllRoles(instanceUrl, await getAll(instanceUrl, `${apiBase(instanceUrl)}teams${query}`));
    });
    return pages.flat().map(toTeam);
  };

  /**
   * At most 2 requests (the diagnosis adds listGroupTeams in parallel: 3 in all). Dataverse refuses a
   * nested $expand under an N:N property (microsoft-apis.md §3.3, 0x80060888), so the user's teams
   * come single-level expanded, and the roles of those teams from one `teams` query filtered by their ids.
   */
  const findOneUser = async (instanceUrl: string, filter: string): Promise<SystemUser | null> => {
    const query = queryString({
      $filter: filter,
      $select: SYSTEM_USER_COLUMNS,
      $expand: `systemuserroles_association($select=${ROLE_COLUMNS}),teammembership_association($select=${TEAM_COLUMNS})`,
    });
    const [row] = valueRows(await get(instanceUrl, `${apiBase(instanceUrl)}systemusers${query}`));
    if (!row) return null;
    const [directRoles, teams] = await Promise.all([
      expanded(instanceUrl, row, 'systemuserroles_association'),
      expanded(instanceUrl, row, 'teammembership_association'),
    ]);
    const user = toSystemUser({ ...row, systemuserroles_association: directRoles, teammembership_association: [] });
    return { ...user, teams: await teamsWithRoles(instanceUrl, teams) };
  };

  return {
    ...createRoleAccess(http, { base: apiBase, get, getAll, expanded }),
    ...createEnvironmentUsers({ base: apiBase, get, getAll, expanded }),
    async findSystemUser(instanceUrl: string, azureObjectId: string): Promise<SystemUser | null> {
      assertGuid(azureObjectId);
      return findOneUser(instanceUrl, `azureactivedirectoryobjectid eq ${azureObjectId}`);
    },
    /** The same query shape by `applicationid` (§14: Terraform looks application users up this way). */
    async findApplicationUser(instanceUrl: string, appId: string): Promise<SystemUser | null> {
      if (!isGuid(appId)) throw invalidInput(`"${appId}" is not a valid application (client) id (a GUID).`);
      return findOneUser(instanceUrl, `applicationid eq ${appId}`);
    },
    async findSystemUsers(instanceUrl: string, azureObjectIds: string[]): Promise<SystemUser[]> {
      azureObjectIds.forEach(assertGuid);
      const unique = [...new Set(azureObjectIds.map((id) => id.toLowerCase()))];
      const results = await mapBounded(chunked(unique), PARALLEL_USER_LOOKUPS, async (ids) => {
        const query = queryString({ $filter: ids.map((id) => `azureactivedirectoryobjectid eq ${id}`).join(' or '), $select: SYSTEM_USER_COLUMNS });
        return (await getAll(instanceUrl, `${apiBase(instanceUrl)}systemusers${query}`)).map(toSystemUser);
      });
      return results.flat();
    },

    async listGroupTeams(instanceUrl: string): Promise<DataverseTeam[]> {
      const query = queryString({
        $filter: 'teamtype eq 2 or teamtype eq 3',
        $select: TEAM_COLUMNS,
        $expand: `teamroles_association($select=${ROLE_COLUMNS})`,
      });
      return (await withAllRoles(instanceUrl, await getAll(instanceUrl, `${apiBase(instanceUrl)}teams${query}`))).map(toTeam);
    },

    async listAppModules(instanceUrl: string): Promise<AppModule[]> {
      const query = queryString({ $select: APP_MODULE_COLUMNS, $expand: APP_MODULE_EXPAND });
      const apps = await getAll(instanceUrl, `${apiBase(instanceUrl)}appmodules${query}`);
      const complete = await mapBounded(apps, PARALLEL_CHUNKS, async (app) => ({ ...app, [APP_ROLES]: await expanded(instanceUrl, app, APP_ROLES) }));
      return complete.map(toAppModule);
    },

    /** The same single-level expand, filtered to one id (a collection query: 404 never answers a missing app). */
    async getAppModule(instanceUrl: string, appModuleId: string): Promise<AppModule | null> {
      if (!isGuid(appModuleId)) throw invalidInput(`"${appModuleId}" is not a valid app id (a GUID).`);
      const query = queryString({ $filter: `appmoduleid eq ${appModuleId}`, $select: APP_MODULE_COLUMNS, $expand: APP_MODULE_EXPAND });
      const [row] = await getAll(instanceUrl, `${apiBase(instanceUrl)}appmodules${query}`);
      return row ? toAppModule({ ...row, [APP_ROLES]: await expanded(instanceUrl, row, APP_ROLES) }) : null;
    },

    async listRoleHolders(instanceUrl: string, rootRoleIds: readonly string[]) {
      rootRoleIds.forEach(assertGuid);
      if (rootRoleIds.length === 0) return [];
      const query = queryString({ $filter: rootRolesFilter(rootRoleIds), $select: ROLE_COLUMNS, $expand: HOLDERS_EXPAND });
      const roles = await getAll(instanceUrl, `${apiBase(instanceUrl)}roles${query}`);
      return mapBounded(roles, PARALLEL_CHUNKS, async (role) => {
        const [users, teams] = await Promise.all([expanded(instanceUrl, role, HOLDER_EXPANDS.users), expanded(instanceUrl, role, HOLDER_EXPANDS.teams)]);
        return toRoleHolders(role, users, teams);
      });
    },
  };
}

function chunked(ids: string[]): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) chunks.push(ids.slice(i, i + IDS_PER_REQUEST));
  return chunks;
}

function apiBase(instanceUrl: string): string {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw invalidInput(`"${instanceUrl}" is not a valid Dataverse instance URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidInput(`"${instanceUrl}" is not a valid Dataverse instance URL.`);
  return `${instanceUrl.replace(/\/+$/, '')}/api/data/v9.2/`;
}

function assertGuid(id: string): void {
  if (!isGuid(id)) throw invalidInput(`"${id}" is not a valid Entra object id (a GUID).`);
}
