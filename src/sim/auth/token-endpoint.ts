import { randomUUID } from 'node:crypto';
import { stableGuid } from '../ids';
import type { SimResponse, TenantState } from '../types';
import { signAccessToken } from './jwt';

export const GRAPH_AUDIENCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'];
export const BAP_AUDIENCE = 'https://service.powerapps.com/';
const TOKEN_LIFETIME_SECONDS = 3599;

/** The tenant segment of /{tenant}/oauth2/v2.0/token: the tenant id or its default domain, as Entra accepts. */
export function matchesTenant(state: TenantState, segment: string): boolean {
  const t = state.fixture.tenant;
  const s = segment.toLowerCase();
  return s === t.id.toLowerCase() || s === t.defaultDomain.toLowerCase();
}

/** Entra v2 client-credentials grant. `rawBody` is the x-www-form-urlencoded request body. */
export function issueToken(state: TenantState, tenantSegment: string, rawBody: string, nowMs: number): SimResponse {
  const tenant = state.fixture.tenant;
  if (!matchesTenant(state, tenantSegment)) {
    return entraError(400, 'invalid_request', 90002, `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, nowMs);
  }
  const form = new URLSearchParams(rawBody);
  const grantType = form.get('grant_type');
  if (!grantType) return missing('grant_type', nowMs);
  if (grantType !== 'client_credentials') {
    return entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.', nowMs);
  }
  const clientId = form.get('client_id');
  if (!clientId) return missing('client_id', nowMs);
  const app = state.fixture.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  if (!app) {
    return entraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`, nowMs);
  }
  const secret = form.get('client_secret');
  if (!secret) {
    return entraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", nowMs);
  }
  if (secret !== app.clientSecret) {
    return entraError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`, nowMs);
  }
  const scope = form.get('scope')?.trim();
  if (!scope) return missing('scope', nowMs);
  if (/\s/.test(scope)) {
    return entraError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`, nowMs);
  }
  if (!scope.endsWith('/.default')) {
    return entraError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`, nowMs);
  }
  const aud = audienceFor(state, scope.slice(0, -'/.default'.length));
  if (!aud) {
    const resource = scope.slice(0, -'/.default'.length);
    return entraError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`, nowMs);
  }
  const iat = Math.floor(nowMs / 1000);
  // Entra lists the application permissions granted on the token's resource in `roles`: only Graph's are modelled.
  const roles = aud === GRAPH_AUDIENCES[0] && app.graphPermissions.length > 0 ? { roles: [...app.graphPermissions] } : {};
  const accessToken = signAccessToken({
    aud,
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat,
    nbf: iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    appid: app.clientId,
    tid: tenant.id,
    oid: stableGuid(`sp:${tenant.id}:${app.clientId}`),
    idtyp: 'app',
    ver: '1.0',
    ...roles,
  });
  return {
    status: 200,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    body: { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken },
  };
}

/**
 * The audience Entra would put in the token, or undefined for a resource this tenant does not know.
 * Dataverse resources are any `scheme://host/dataverse/{org}` whose org exists (the host is not
 * checked here: the API checks the audience against the instance URL it serves).
 */
function audienceFor(state: TenantState, resource: string): string | undefined {
  const lower = resource.toLowerCase();
  if (lower === 'https://graph.microsoft.com' || lower === GRAPH_AUDIENCES[1]) return GRAPH_AUDIENCES[0];
  if (lower === 'https://service.powerapps.com' || lower === 'https://service.powerapps.com/') return BAP_AUDIENCE;
  const dv = /^https?:\/\/[^/]+\/dataverse\/([^/]+)$/i.exec(resource);
  if (dv && state.environmentsByOrg.has((dv[1] as string).toLowerCase())) return resource;
  return undefined;
}

function missing(parameter: string, nowMs: number): SimResponse {
  return entraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${parameter}'.`, nowMs);
}

function entraError(status: number, error: string, code: number, message: string, nowMs: number): SimResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(nowMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}
