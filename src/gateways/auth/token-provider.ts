import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { TokenCredential } from '@azure/identity';
import { azureCredentialSource, buildCredential } from './azure-credential-source';
import { isCloudScope, type Cloud } from './clouds';
import { cachedTokenProvider, type TokenSource } from './token-cache';
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
 * Live: an @azure/identity credential built from `config.microsoft.credential` against the cloud's
 * authority, asked only for that cloud's scopes. Simulated: a plain client-credentials POST, because
 * MSAL refuses plain-http authorities. Either way tokens are cached per scope until 5 minutes before
 * expiry and concurrent fetches are shared.
 */
export function createTokenProvider(config: Config, options: TokenProviderOptions = {}): TokenProvider {
  const { credential, cloud } = config.microsoft;
  if (options.simulatorTokenUrl === undefined) {
    const source = azureCredentialSource(options.credential ?? buildCredential(credential, cloud.authorityHost));
    return cachedTokenProvider(withinCloud(cloud, source), options.now);
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

/**
 * Refuses, before Entra is asked, a token for another cloud's API: e.g. an environment whose Dataverse
 * address is a public-cloud host while CLOUD names a government cloud.
 */
function withinCloud(cloud: Cloud, source: TokenSource): TokenSource {
  return async (scope) => {
    if (!isCloudScope(cloud, scope)) {
      const resource = scope.replace(/\/\.default$/, '');
      throw new AppError('auth.token', `The bot is set up for the ${cloud.label} cloud (CLOUD=${cloud.name}) and does not ask for tokens for ${resource}, which belongs elsewhere. Check CLOUD.`);
    }
    return source(scope);
  };
}
