import { AppError } from '../../errors';
import type { TokenProvider } from './token-provider';

export interface IssuedToken {
  token: string;
  expiresOnMs: number;
}

/** Fetches a fresh token for a scope; throws on failure (any error becomes `auth.token`). */
export type TokenSource = (scope: string) => Promise<IssuedToken>;

const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Caches per scope until 5 minutes before expiry; callers asking at the same time share one fetch. */
export function cachedTokenProvider(source: TokenSource, now: () => number = Date.now): TokenProvider {
  const cache = new Map<string, IssuedToken>();
  const inFlight = new Map<string, Promise<string>>();

  const fetchToken = async (scope: string): Promise<string> => {
    try {
      const issued = await source(scope);
      cache.set(scope, issued);
      return issued.token;
    } catch (error) {
      throw tokenError(scope, error);
    } finally {
      inFlight.delete(scope);
    }
  };

  return {
    getToken(scope: string): Promise<string> {
      const cached = cache.get(scope);
      if (cached && cached.expiresOnMs - REFRESH_MARGIN_MS > now()) return Promise.resolve(cached.token);
      let pending = inFlight.get(scope);
      if (!pending) {
        pending = fetchToken(scope);
        inFlight.set(scope, pending);
      }
      return pending;
    },
  };
}

function tokenError(scope: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const resource = scope.replace(/\/\.default$/, '');
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError(
    'auth.token',
    `The bot could not get an access token for ${resource}. Check its app registration (client id, secret or certificate, tenant id).`,
    { cause: error, message: `Token request for ${scope} failed: ${detail}` },
  );
}
