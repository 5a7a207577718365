import { AppError } from '../../errors';
import { dataverseScope } from '../auth/scopes';
import { createHttpClient, errorEnvelope, TransportError, type HttpClientOptions } from '../http/http-client';
import { isRecord, strings } from '../http/wire';
import { queryString } from '../odata';
import type { DataverseProbeTarget, DoctorProbe, GraphProbeTarget, ProbeAnswer, ProbeAudience, TokenProbe } from '../types';

export interface DoctorProbeOptions {
  http: Omit<HttpClientOptions, 'surface'>;
  /** Graph's base URL (the probe appends /v1.0) and token scope. */
  graph: { baseUrl: string; scope: string };
  bapScope: string;
}

const GRAPH_READS: Record<Exclude<GraphProbeTarget, object>, string> = {
  users: `/users${queryString({ $top: 1, $select: 'id' })}`,
  groups: `/groups${queryString({ $top: 1, $select: 'id' })}`,
  subscribedSkus: `/subscribedSkus${queryString({ $select: 'skuId' })}`,
  directoryRoles: `/directoryRoles${queryString({ $select: 'id' })}`,
  servicePrincipals: `/servicePrincipals${queryString({ $top: 1, $select: 'id' })}`,
};

const DATAVERSE_KEYS: Record<Exclude<DataverseProbeTarget, 'WhoAmI'>, string> = {
  systemusers: 'systemuserid',
  teams: 'teamid',
  roles: 'roleid',
  businessunits: 'businessunitid',
};

/** One GET per probe, without retries: the doctor reports what the services answer now. */
export function createDoctorProbe(options: DoctorProbeOptions): DoctorProbe {
  const graphHttp = createHttpClient({ ...options.http, surface: 'graph' });
  const dataverseHttp = createHttpClient({ ...options.http, surface: 'dataverse' });
  const graphRoot = `${options.graph.baseUrl.replace(/\/+$/, '')}/v1.0`;

  return {
    async token(audience: ProbeAudience): Promise<TokenProbe> {
      const scope = audience === 'graph' ? options.graph.scope : audience === 'bap' ? options.bapScope : dataverseScope(audience.dataverse);
      try {
        return { ok: true, ...identityIn(await options.http.tokenProvider.getToken(scope)) };
      } catch (error) {
        return tokenRefusal(error);
      }
    },

    readGraph(target: GraphProbeTarget): Promise<ProbeAnswer> {
      const path = typeof target === 'string' ? GRAPH_READS[target] : `/groups/${encodeURIComponent(target.groupMembers)}/members${queryString({ $top: 1, $select: 'id' })}`;
      return probe(() => graphHttp.send({ method: 'GET', url: `${graphRoot}${path}`, scope: options.graph.scope, retry: false }));
    },

    readDataverse(instanceUrl: string, target: DataverseProbeTarget): Promise<ProbeAnswer> {
      const path = target === 'WhoAmI' ? 'WhoAmI' : `${target}${queryString({ $top: 1, $select: DATAVERSE_KEYS[target] })}`;
      const url = `${instanceUrl.replace(/\/*$/, '/')}api/data/v9.2/${path}`;
      const headers = { 'odata-version': '4.0', 'odata-maxversion': '4.0' };
      return probe(() => dataverseHttp.send({ method: 'GET', url, scope: dataverseScope(instanceUrl), headers, retry: false }));
    },
  };
}

async function probe(send: () => Promise<{ status: number; body: unknown }>): Promise<ProbeAnswer> {
  try {
    const { status, body } = await send();
    if (status >= 200 && status < 300) return { ok: true, rows: isRecord(body) && Array.isArray(body.value) ? body.value.length : 1 };
    return { ok: false, status, ...errorEnvelope(body) };
  } catch (error) {
    if (error instanceof TransportError) return { ok: false, status: 0, code: error.timedOut ? 'timeout' : 'no-response', message: error.message };
    if (error instanceof AppError && error.code === 'auth.token') return { ok: false, status: 0, code: 'no-token', message: error.userMessage };
    throw error;
  }
}

/** The app id (`appid` in v1 tokens, `azp` in v2) and `roles` claims; the token is never kept or shown. */
function identityIn(token: string): { appId: string | null; roles: string[] } {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (!isRecord(claims)) return { appId: null, roles: [] };
    const appId = typeof claims.appid === 'string' ? claims.appid : typeof claims.azp === 'string' ? claims.azp : null;
    return { appId, roles: strings(claims.roles) };
  } catch {
    return { appId: null, roles: [] };
  }
}

/** Entra's AADSTS code and first sentence (they name no secret), from the token provider's coded error. */
function tokenRefusal(error: unknown): TokenProbe {
  const text = error instanceof Error ? error.message : String(error);
  const aadsts = /AADSTS(\d+):\s*([^.\r\n]*\.?)/.exec(text);
  if (aadsts) return { ok: false, aadsts: aadsts[1] ?? null, reason: `AADSTS${aadsts[1] ?? ''}: ${aadsts[2] ?? ''}`.trim() };
  return { ok: false, aadsts: null, reason: error instanceof AppError ? error.userMessage : 'the token request failed' };
}
