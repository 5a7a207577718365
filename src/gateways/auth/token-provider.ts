import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { TokenCredential } from '@azure/identity';
import { azureCredentialSource, buildCredential } from './azure-credential-source';
import { cachedTokenProvider } from './token-cache';
import { simulatedTokenSource } from './simulated-token-source';

/** Bearer tokens for one resource scope, e.g. `https://graph.microsoft.com/.default`. */
export interface TokenProvider {
  getToken(scope: string): Promise<string>;
}

export interface TokenProviderOptions {
  /** Token endpoint of the simulated tenant; when set, tokens come from it instead of Entra. */
  simulatorTokenUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Live mode: use this credential instead of building one from config (e.g. a DefaultAzureCredential). */
  credential?: TokenCredential;
}

/**
 * Live: an @azure/identity credential built from `config.microsoft.credential`. Simulated: a
 * plain client-credentials POST, because MSAL refuses plain-http authorities. Either way tokens
 * are cached per scope until 5 minutes before expiry and concurrent fetches are shared.
 */
export function createTokenProvider(config: Config, options: TokenProviderOptions = {}): TokenProvider {
  const { credential } = config.microsoft;
  if (options.simulatorTokenUrl === undefined) {
    return cachedTokenProvider(azureCredentialSource(options.credential ?? buildCredential(credential, config.microsoft.authorityHost)), options.now);
  }
  if (credential.kind !== 'clientSecret') {
    throw new AppError('config.invalid', 'The simulated tenant needs a client id and secret (the demo app credentials).');
  }
  const source = simulatedTokenSource({
    tokenUrl: options.simulatorTokenUrl,
    clientId: credential.clientId,
    clientSecret: credential.clientSecret,
    fetch: options.fetch ?? fetch,
    now: options.now ?? Date.now,
  });
  return cachedTokenProvider(source, options.now);
}
