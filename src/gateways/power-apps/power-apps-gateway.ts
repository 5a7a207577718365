import { AppError, invalidInput } from '../../errors';
import type { CloudApi } from '../auth/clouds';
import { TransportError, unavailable, type HttpClient, type HttpResponse } from '../http/http-client';
import { isRecord, records } from '../http/wire';
import { isEnvironmentId, isGuid } from '../../ids';
import { odataString, queryString } from '../odata';
import type { CanvasApp, CanvasAppPermission, PowerAppsGateway, SharePrincipal } from '../types';
import { toCanvasApp, toCanvasPermission } from './canvas-app-mapper';
import { powerAppsError } from './power-apps-errors';

export interface PowerAppsGatewayOptions {
  http: HttpClient;
  /** The cloud's Power Apps host and its token scope (clouds.ts: BAP's audience). */
  api: CloudApi;
}

/** The version `Get-AdminPowerApp`, `Get-AdminPowerAppRoleAssignment` and `Set-AdminPowerAppRoleAssignment` send (§15). */
export const POWER_APPS_API_VERSION = '2016-11-01';
/** `Get-AdminPowerApp` pages by 250 (§15). */
const PAGE_SIZE = 250;
const ADMIN_ENVIRONMENTS = '/providers/Microsoft.PowerApps/scopes/admin/environments';
const SERVICE = 'The Power Apps admin API';

export function createPowerAppsGateway(options: PowerAppsGatewayOptions): PowerAppsGateway {
  const root = `${options.api.baseUrl.replace(/\/+$/, '')}${ADMIN_ENVIRONMENTS}`;
  const { http } = options;
  const { scope } = options.api;

  const send = async (method: 'GET' | 'POST', url: string, body?: unknown): Promise<HttpResponse> => {
    try {
      return await http.send({ method, url, scope, body, retry: method === 'GET' });
    } catch (error) {
      throw error instanceof TransportError ? unavailable(SERVICE, error) : error;
    }
  };

  /** Every page of a `{ value, nextLink }` list; a next link must stay on the API's own host. */
  const getAll = async (first: string): Promise<Record<string, unknown>[]> => {
    const rows: Record<string, unknown>[] = [];
    for (let url: string | undefined = first; url; ) {
      if (!url.startsWith(root)) throw new AppError('bap.failed', `${SERVICE} sent a next-page link to another address; I stopped reading.`, { message: 'Power Apps nextLink outside the API' });
      const response = await send('GET', url);
      if (response.status !== 200) throw powerAppsError(response);
      const body = isRecord(response.body) ? response.body : {};
      rows.push(...records(body.value));
      const next = body.nextLink;
      url = typeof next === 'string' && next !== '' ? next : undefined;
    }
    return rows;
  };

  const appsOf = (environmentId: string) => `${root}/${encodeURIComponent(environmentId)}/apps`;

  return {
    async listApps(environmentId, listOptions = {}): Promise<CanvasApp[]> {
      assertEnvironmentId(environmentId);
      const principal = listOptions.effectiveFor;
      if (principal !== undefined && !isGuid(principal)) throw invalidInput(`"${principal}" is not a valid Entra object id (a GUID).`);
      const query = queryString({
        'api-version': POWER_APPS_API_VERSION,
        $top: PAGE_SIZE,
        $expand: principal ? `permissions($filter=maxAssignedTo(${odataString(principal)}))` : undefined,
      });
      return (await getAll(`${appsOf(environmentId)}${query}`)).map((row) => toCanvasApp(row, environmentId));
    },

    async listAppPermissions(environmentId, appId): Promise<CanvasAppPermission[]> {
      assertEnvironmentId(environmentId);
      assertAppId(appId);
      const query = queryString({ 'api-version': POWER_APPS_API_VERSION, $filter: `environment eq ${odataString(environmentId)}` });
      return (await getAll(`${appsOf(environmentId)}/${appId}/permissions${query}`)).map(toCanvasPermission);
    },

    async shareApp(environmentId, appId, principal: SharePrincipal, roleName): Promise<void> {
      assertEnvironmentId(environmentId);
      assertAppId(appId);
      if (!isGuid(principal.id)) throw invalidInput(`"${principal.id}" is not a valid Entra object id (a GUID).`);
      const query = queryString({ 'api-version': POWER_APPS_API_VERSION, $filter: `environment eq ${odataString(environmentId)}` });
      // §15 Set-AdminPowerAppRoleAssignment: one `put` with the principal; no e-mail to the person.
      const body = {
        put: [
          {
            properties: {
              roleName,
              capabilities: [],
              NotifyShareTargetOption: 'DoNotNotify',
              principal: { email: principal.email ?? '', id: principal.id, type: principal.type, tenantId: 'null' },
            },
          },
        ],
      };
      const response = await send('POST', `${appsOf(environmentId)}/${appId}/modifyPermissions${query}`, body);
      if (response.status < 200 || response.status >= 300) throw powerAppsError(response);
    },
  };
}

function assertEnvironmentId(id: string): void {
  if (!isEnvironmentId(id)) throw invalidInput(`"${id}" is not a valid environment id (a GUID or Default-<tenant id>).`);
}

function assertAppId(id: string): void {
  if (!isGuid(id)) throw invalidInput(`"${id}" is not a valid canvas app id (a GUID).`);
}
