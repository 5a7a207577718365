import type { TokenProbe } from '../../gateways/types';
import { passed, type DoctorCheck } from './doctor-report';
import { credentialFix } from './fixes';

/** A token for Microsoft Graph or the Power Platform admin API. */
export function tokenCheck(id: 'token.graph' | 'token.bap', service: string, token: TokenProbe, appId: string | null): DoctorCheck {
  const title = `Token for ${service}`;
  if (token.ok) return passed(id, title, `Entra issued one to app ${appId ?? 'unknown'}.`);
  return { id, status: 'fail', title, detail: `Entra refused: ${token.reason}`, fix: credentialFix(token.aadsts, appId) };
}

export interface RefusedToken {
  environment: string;
  token: Extract<TokenProbe, { ok: false }>;
}

/** Tokens for every environment's Dataverse, one line for all of them. */
export function dataverseTokenCheck(environments: number, refused: readonly RefusedToken[], appId: string | null): DoctorCheck {
  const id = 'token.dataverse';
  const title = 'Tokens for Dataverse';
  if (refused.length === 0) return passed(id, title, `Entra issued one for each of the ${environments} environment${environments === 1 ? '' : 's'} with Dataverse.`);
  const list = refused.map((r) => `${r.environment} (${r.token.reason})`).join('; ');
  return { id, status: 'fail', title, detail: `Entra refused a token for ${refused.length} of ${environments}: ${list}`, fix: credentialFix(refused[0]?.token.aadsts ?? null, appId) };
}
