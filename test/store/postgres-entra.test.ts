/**
 * DATABASE_AUTH=entra: every new PostgreSQL connection signs in with a fresh token of the bot's
 * credential as its password. Here the "token" is the test server's password, handed out by a
 * stand-in credential, so the real pg pool really connects with it.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { loadConfig } from '../../src/config';
import { openStore } from '../../src/store/db';
import { configuredPostgres } from '../../src/store/postgres-connection';
import { newPostgresDatabase } from '../helpers/stores';

const LIVE = { AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111', AZURE_CLIENT_ID: '22222222-2222-2222-2222-222222222222', AZURE_CLIENT_SECRET: 'secret-value' };

describe('PostgreSQL with Microsoft Entra sign-in (DATABASE_AUTH=entra)', () => {
  it('connects with a token per connection, asked for Azure Database for PostgreSQL', async () => {
    const url = new URL(await newPostgresDatabase());
    const password = decodeURIComponent(url.password);
    url.password = '';
    const scopes: string[] = [];
    const credential: TokenCredential = {
      getToken: async (scope) => {
        scopes.push(String(scope));
        return { token: password, expiresOnTimestamp: Date.now() + 3_600_000 } satisfies AccessToken;
      },
    };
    const config = loadConfig({ ...LIVE, DATABASE_URL: `${url.toString()}?sslmode=disable`, DATABASE_AUTH: 'entra' });
    const connection = configuredPostgres(config, credential);
    expect(connection).toMatchObject({ host: url.hostname, database: url.pathname.slice(1), user: 'postgres', ssl: false });
    const store = await openStore({ kind: 'postgres', url: url.toString(), connection: connection ?? undefined, poolSize: 2 });
    try {
      expect(await store.health()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
    expect(scopes.length).toBeGreaterThan(0);
    expect(new Set(scopes)).toEqual(new Set(['https://ossrdbms-aad.database.windows.net/.default']));
  });

  it('refuses a password in DATABASE_URL, and Entra sign-in without live data', () => {
    const config = loadConfig({ ...LIVE, DATABASE_URL: 'postgres://bot:written-down@db.example:5432/bot', DATABASE_AUTH: 'entra' });
    expect(() => configuredPostgres(config, { getToken: async () => null })).toThrow(/must not hold a password/);
    expect(() => loadConfig({ DATA_SOURCE: 'simulated', DATABASE_URL: 'postgres://bot@db.example/bot', DATABASE_AUTH: 'entra' })).toThrow(/DATABASE_AUTH=entra needs/);
  });
});
