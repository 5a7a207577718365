import type { ApiSurface } from '../stats';
import { apiError } from '../surface-errors';
import type { SimResponse, TokenClaims } from '../types';
import { verifyAccessToken } from './jwt';
import { BAP_AUDIENCE, GRAPH_AUDIENCES } from './token-endpoint';

export interface AuthTarget {
  surface: ApiSurface;
  tenantId: string;
  /** Instance URLs (without trailing slash) this request may be addressed to; Dataverse only. */
  dataverseAudiences?: string[];
  /** Where the token endpoint lives (for Dataverse's WWW-Authenticate challenge). */
  origin: string;
  clientRequestId?: string;
  /** Leeway for `nbf` (SimConfig.tokenClockSkewSeconds). */
  clockSkewSeconds: number;
}

/** Checks the bearer token (signature, lifetime, tenant, audience) and answers with each service's own 401. */
export function authenticate(authorization: string | undefined, target: AuthTarget, nowMs: number): { claims: TokenClaims } | { reject: SimResponse } {
  const match = /^Bearer\s+(.*)$/i.exec(authorization ?? '');
  const raw = match?.[1]?.trim() ?? '';
  if (raw === '') return { reject: unauthorized(target, 'Access token is empty.') };
  const check = verifyAccessToken(raw, Math.floor(nowMs / 1000), target.clockSkewSeconds);
  if (!check.ok) {
    // a token used before its nbf is refused with the expired token's answer (UNVERIFIED wording for Graph)
    const message =
      check.problem === 'expired' || check.problem === 'notYetValid'
        ? 'Lifetime validation failed, the token is expired.'
        : check.problem === 'malformed'
          ? 'IDX14100: JWT is not well formed.'
          : 'Access token validation failure.';
    return { reject: unauthorized(target, message) };
  }
  const { payload } = check;
  if (payload.tid.toLowerCase() !== target.tenantId.toLowerCase()) {
    return { reject: unauthorized(target, 'Access token validation failure. Invalid issuer.') };
  }
  if (!audienceAccepted(payload.aud, target)) return { reject: unauthorized(target, 'Access token validation failure. Invalid audience.') };
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [];
  return { claims: { aud: payload.aud, appId: payload.appid, tenantId: payload.tid, roles } };
}

function audienceAccepted(aud: string, target: AuthTarget): boolean {
  if (target.surface === 'graph') return GRAPH_AUDIENCES.includes(aud);
  // §15, §17: the Power Apps admin API takes BAP's audience
  if (target.surface === 'bap' || target.surface === 'powerApps') return aud === BAP_AUDIENCE;
  const lower = aud.toLowerCase();
  return (target.dataverseAudiences ?? []).some((a) => a.toLowerCase() === lower);
}

function unauthorized(target: AuthTarget, message: string): SimResponse {
  if (target.surface === 'dataverse') {
    const resource = `${target.dataverseAudiences?.[0] ?? target.origin}/`;
    return {
      status: 401,
      headers: { 'www-authenticate': `Bearer authorization_uri=${target.origin}/${target.tenantId}/oauth2/authorize, resource_id=${resource}` },
    };
  }
  return apiError(target.surface, 401, 'InvalidAuthenticationToken', message, target.clientRequestId);
}
