import { invalidInput } from '../../errors';
import type { CloudApi } from '../auth/clouds';
import { TransportError, unavailable, type HttpClient } from '../http/http-client';
import { isRecord } from '../http/wire';
import { isEnvironmentId, isGuid } from '../../ids';
import { queryString } from '../odata';
import type { AddUserOutcome, Environment, PowerPlatformGateway } from '../types';
import { classifyAddUser } from './add-user-outcome';
import { bapError } from './bap-errors';
import { toEnvironment } from './environment-mapper';

export interface PowerPlatformGatewayOptions {
  http: HttpClient;
  /** The cloud's BAP host and the token scope that goes with it (clouds.ts). */
  api: CloudApi;
  apiVersion: string;
}

const ENVIRONMENTS_PATH = '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments';
const SERVICE = 'The Power Platform admin API';

export function createPowerPlatformGateway(options: PowerPlatformGatewayOptions): PowerPlatformGateway {
  const root = `${options.api.baseUrl.replace(/\/+$/, '')}${ENVIRONMENTS_PATH}`;
  const { http, apiVersion } = options;
  const { scope } = options.api;
  // A sync job adds every member to the same environment: its addUser URL is built (and its id checked) once.
  let addUserTarget = { environmentId: '', url: '' };
  const addUserUrl = (environmentId: string): string => {
    if (environmentId !== addUserTarget.environmentId) {
      assertEnvironmentId(environmentId);
      addUserTarget = { environmentId, url: `${root}/${encodeURIComponent(environmentId)}/addUser${queryString({ 'api-version': apiVersion })}` };
    }
    return addUserTarget.url;
  };

  const get = async (url: string) => {
    try {
      return await http.send({ method: 'GET', url, scope });
    } catch (error) {
      throw error instanceof TransportError ? unavailable(SERVICE, error) : error;
    }
  };

  return {
    async listEnvironments(): Promise<Environment[]> {
      const environments: Environment[] = [];
      let url: string | undefined = `${root}${queryString({ 'api-version': apiVersion, $expand: 'properties.addons' })}`;
      while (url) {
        const response = await get(url);
        if (response.status !== 200) throw bapError(response);
        const body = isRecord(response.body) ? response.body : {};
        if (Array.isArray(body.value)) environments.push(...body.value.map(toEnvironment));
        const next = body.nextLink ?? body['@odata.nextLink'];
        url = typeof next === 'string' && next !== '' ? next : undefined;
      }
      return environments;
    },

    async getEnvironment(id: string): Promise<Environment | null> {
      assertEnvironmentId(id);
      const response = await get(`${root}/${encodeURIComponent(id)}${queryString({ 'api-version': apiVersion, $expand: 'properties.addons' })}`);
      if (response.status === 404) return null;
      if (response.status !== 200) throw bapError(response);
      return toEnvironment(response.body);
    },

    async addUser(environmentId: string, objectId: string): Promise<AddUserOutcome> {
      const url = addUserUrl(environmentId);
      if (!isGuid(objectId)) throw invalidInput(`"${objectId}" is not a valid Entra object id (a GUID).`);
      try {
        const response = await http.send({ method: 'POST', url, scope, body: { ObjectId: objectId }, retry: false });
        return classifyAddUser(response);
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        return { ok: false, kind: 'transient', status: 0, detail: error.message };
      }
    },
  };
}

function assertEnvironmentId(id: string): void {
  if (!isEnvironmentId(id)) throw invalidInput(`"${id}" is not a valid environment id (a GUID or Default-<tenant id>).`);
}
