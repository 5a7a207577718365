import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { TokenSource } from './token-cache';

type CredentialConfig = Config['microsoft']['credential'];

function createCredential(credential: CredentialConfig, authorityHost: string): TokenCredential {
  switch (credential.kind) {
    case 'clientSecret':
      return new ClientSecretCredential(credential.tenantId, credential.clientId, credential.clientSecret, { authorityHost });
    case 'certificate':
      return new ClientCertificateCredential(credential.tenantId, credential.clientId, credential.certificatePath, { authorityHost });
    case 'managedIdentity':
      return credential.clientId ? new ManagedIdentityCredential(credential.clientId) : new ManagedIdentityCredential();
  }
}

/** The @azure/identity credential for our config; invalid settings become config.invalid at start-up. */
export function buildCredential(credential: CredentialConfig, authorityHost: string): TokenCredential {
  try {
    return createCredential(credential, authorityHost);
  } catch (error) {
    // @azure/identity validates its settings when constructed (e.g. an http authority host).
    throw new AppError('config.invalid', "The bot's Microsoft credential settings are invalid (authority host, tenant id, client id or certificate).", {
      cause: error,
      message: `Invalid Microsoft credential settings: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** Tokens from Entra through @azure/identity (which has its own retry and caching; ours sits on top). */
export function azureCredentialSource(tokenCredential: TokenCredential): TokenSource {
  return async (scope) => {
    const accessToken = await tokenCredential.getToken(scope);
    if (!accessToken) throw new Error('the credential returned no token');
    return { token: accessToken.token, expiresOnMs: accessToken.expiresOnTimestamp };
  };
}
