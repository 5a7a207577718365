import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { AppError } from '../errors';
import { buildCredential } from '../gateways/auth/azure-credential-source';
import type { CloudName } from '../gateways/auth/clouds';

/** How pg (the store's pool) and pg-boss (its own pool) connect: the same fields for both. */
export type PostgresConnection =
  | { connectionString: string }
  | { host: string; port: number; database: string; user: string; ssl: boolean; password: () => Promise<string> };

/**
 * Microsoft Entra authentication to Azure Database for PostgreSQL: the password of every new
 * connection is an access token for this resource ("Connect with managed identity to Azure Database for
 * PostgreSQL flexible server", learn.microsoft.com/azure/postgresql/flexible-server/how-to-connect-with-managed-identity).
 * Public cloud from that page; the US Government and China audiences are UNVERIFIED (docs/deploy.md, Sovereign clouds).
 */
const ENTRA_SCOPES: Record<CloudName, string> = {
  public: 'https://ossrdbms-aad.database.windows.net/.default',
  usgov: 'https://ossrdbms-aad.database.usgovcloudapi.net/.default',
  usgovhigh: 'https://ossrdbms-aad.database.usgovcloudapi.net/.default',
  dod: 'https://ossrdbms-aad.database.usgovcloudapi.net/.default',
  china: 'https://ossrdbms-aad.database.chinacloudapi.cn/.default',
};

/**
 * The connection for DATABASE_URL: as it is with a password in it (DATABASE_AUTH=password), or its
 * host, database and user with a fresh Entra token as the password of each connection
 * (DATABASE_AUTH=entra): tokens expire within the hour, so a password written down would not do.
 */
export function postgresConnection(url: string, tokenPassword?: () => Promise<string>): PostgresConnection {
  if (!tokenPassword) return { connectionString: url };
  const parsed = new URL(url);
  if (parsed.password) throw new AppError('config.invalid', 'DATABASE_AUTH=entra: DATABASE_URL must not hold a password (the bot signs in with an Entra token as that user).');
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    user: decodeURIComponent(parsed.username),
    // Azure Database for PostgreSQL takes TLS connections only; `sslmode=disable` is for a local server.
    ssl: sslmode !== 'disable',
    password: tokenPassword,
  };
}

/** A fresh token (from the credential's own cache) as the password of a new connection. */
export function entraTokenPassword(credential: TokenCredential, cloud: CloudName): () => Promise<string> {
  const scope = ENTRA_SCOPES[cloud];
  return async () => {
    const token = await credential.getToken(scope);
    if (!token) throw new AppError('config.invalid', 'DATABASE_AUTH=entra: Microsoft Entra gave the bot no token for Azure Database for PostgreSQL.');
    return token.token;
  };
}

/** The store's PostgreSQL connection from the configuration (DATABASE_URL, DATABASE_AUTH, the bot's Azure credential and cloud). */
export function configuredPostgres(config: Pick<Config, 'database' | 'microsoft'>, credential?: TokenCredential): PostgresConnection | null {
  const url = config.database?.url;
  if (!url) return null;
  if (config.database?.auth !== 'entra') return postgresConnection(url);
  const { microsoft } = config;
  return postgresConnection(url, entraTokenPassword(credential ?? buildCredential(microsoft.credential, microsoft.cloud.authorityHost), microsoft.cloud.name));
}
