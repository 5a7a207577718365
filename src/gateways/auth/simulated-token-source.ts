import { AppError } from '../../errors';
import type { TokenSource } from './token-cache';

interface SimulatedTokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof fetch;
  now: () => number;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** Entra v2 client-credentials grant against the simulated tenant's token endpoint. */
export function simulatedTokenSource(options: SimulatedTokenSourceOptions): TokenSource {
  return async (scope) => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope,
    });
    const response = await options.fetch(options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      signal: AbortSignal.timeout(30_000),
    });
    const payload = (await response.json().catch(() => ({}))) as TokenResponse;
    if (!response.ok || typeof payload.access_token !== 'string') {
      // error_description is Entra's AADSTS text: safe to log, never contains the secret.
      const reason = typeof payload.error_description === 'string' ? payload.error_description : `HTTP ${response.status}`;
      throw new AppError('auth.token', `The bot could not get an access token for ${scope.replace(/\/\.default$/, '')}. Check its app registration (client id, secret, tenant id).`, {
        message: `Token request for ${scope} failed (${String(payload.error ?? response.status)}): ${reason}`,
      });
    }
    const expiresInSeconds = typeof payload.expires_in === 'number' ? payload.expires_in : Number(payload.expires_in ?? 3599);
    return { token: payload.access_token, expiresOnMs: options.now() + expiresInSeconds * 1000 };
  };
}
