import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../../config';
import type { TokenSource } from './token-cache';

type CredentialConfig = Config['microsoft']['credential'];

export function createCredential(credential: CredentialConfig, authorityHost: string): TokenCredential {
  switch (credential.kind) {
    case 'clientSecret':
      return new ClientSecretCredential(credential.tenantId, credential.clientId, credential.clientSecret, { authorityHost });
    case 'certificate':
      return new ClientCertificateCredential(credential.tenantId, credential.clientId, credential.certificatePath, { authorityHost });
    case 'managedIdentity':
      return credential.clientId ? new ManagedIdentityCredential(credential.clientId) : new ManagedIdentityCredential();
  }
}

/** Tokens from Entra through @azure/identity (which has its own retry and caching; ours sits on top). */
export function azureCredentialSource(credential: CredentialConfig, authorityHost: string): TokenSource {
  const tokenCredential = createCredential(credential, authorityHost);
  return async (scope) => {
    const accessToken = await tokenCredential.getToken(scope);
    if (!accessToken) throw new Error('the credential returned no token');
    return { token: accessToken.token, expiresOnMs: accessToken.expiresOnTimestamp };
  };
}
