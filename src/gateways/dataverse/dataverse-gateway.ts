import { invalidInput } from '../../errors';
import { mapBounded } from '../../map-bounded';
import { dataverseScope } from '../auth/scopes';
import { TransportError, unavailable, type HttpClient } from '../http/http-client';
import { isRecord } from '../http/wire';
import { isGuid } from '../../ids';
import { queryString } from '../odata';
import type { DataverseGateway, DataverseTeam, SystemUser } from '../types';
import { dataverseError } from './dataverse-errors';
import { ROLE_COLUMNS, SYSTEM_USER_COLUMNS, TEAM_COLUMNS, toSystemUser, toTeam, valueRows } from './system-user-mapper';

/** Ids per `or` chain: keeps the URL near 4 KB, and 1,000 users in 20 requests. */
const IDS_PER_REQUEST = 50;
const PARALLEL_CHUNKS = 4;
const DEFAULT_PAGE_SIZE = 5000;

type Row = Record<string, unknown>;

export function createDataverseGateway(options: { http: HttpClient; pageSize?: number }): DataverseGateway {
  const { http } = options;
  const prefer = `odata.maxpagesize=${options.pageSize ?? DEFAULT_PAGE_SIZE}`;

  /** GETs a collection, following @odata.nextLink verbatim. */
  const getAll = async (instanceUrl: string, url: string): Promise<Row[]> => {
    const all: Row[] = [];
    for (let next: string | undefined = url; next; ) {
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

  return {
    async findSystemUser(instanceUrl: string, azureObjectId: string): Promise<SystemUser | null> {
      assertGuid(azureObjectId);
      const query = queryString({
        $filter: `azureactivedirectoryobjectid eq ${azureObjectId}`,
        $select: SYSTEM_USER_COLUMNS,
        $expand: `systemuserroles_association($select=${ROLE_COLUMNS}),teammembership_association($select=${TEAM_COLUMNS};$expand=teamroles_association($select=${ROLE_COLUMNS}))`,
      });
      const [row] = valueRows(await get(instanceUrl, `${apiBase(instanceUrl)}systemusers${query}`));
      return row ? toSystemUser(row) : null;
    },

    async findSystemUsers(instanceUrl: string, azureObjectIds: string[]): Promise<SystemUser[]> {
      azureObjectIds.forEach(assertGuid);
      const unique = [...new Set(azureObjectIds.map((id) => id.toLowerCase()))];
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) chunks.push(unique.slice(i, i + IDS_PER_REQUEST));
      const results = await mapBounded(chunks, PARALLEL_CHUNKS, async (ids) => {
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
      return (await getAll(instanceUrl, `${apiBase(instanceUrl)}teams${query}`)).map(toTeam);
    },
  };
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
