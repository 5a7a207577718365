import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { loadConfig } from '../../src/config';
import { AppError } from '../../src/errors';

const TENANT = '11111111-1111-1111-1111-111111111111';
const APP = '22222222-2222-2222-2222-222222222222';
const CLIENT = '33333333-3333-3333-3333-333333333333';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('config.invalid');
    return (error as AppError).userMessage.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('when nothing is configured, then it runs simulated on 127.0.0.1:3978 with defaults', () => {
    const config = loadConfig({});
    expect(config.dataSource).toBe('simulated');
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.bot.appId).toBeNull();
    expect(config.storePath).toBe('./data/bot.sqlite');
    expect(config.simulator).toEqual({ url: null, tenantFile: null, tenantName: null });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when Azure client-secret credentials are set, then the data source is live with that credential and tenant', () => {
    const config = loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 's3cret-value' });
    expect(config.dataSource).toBe('live');
    expect(config.tenantId).toBe(TENANT);
    expect(config.microsoft.credential).toEqual({ kind: 'clientSecret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret-value' });
    expect(config.microsoft.graphBaseUrl).toBe('https://graph.microsoft.com');
  });

  it('when a certificate path is set, then the credential is a certificate', () => {
    const config = loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: '/etc/bot/cert.pem' });
    expect(config.microsoft.credential).toEqual({ kind: 'certificate', tenantId: TENANT, clientId: CLIENT, certificatePath: '/etc/bot/cert.pem' });
  });

  it('when managed identity is on, then live mode uses it and TENANT_ID names the tenant', () => {
    const config = loadConfig({ AZURE_USE_MANAGED_IDENTITY: 'true', TENANT_ID: TENANT });
    expect(config.dataSource).toBe('live');
    expect(config.microsoft.credential).toEqual({ kind: 'managedIdentity', clientId: null });
    expect(config.tenantId).toBe(TENANT);
  });

  it('when DATA_SOURCE=simulated is explicit, then credentials are ignored for data and SIM_TENANT is kept', () => {
    const config = loadConfig({ DATA_SOURCE: 'Simulated', AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'x-secret', SIM_TENANT: 'fixtures/big.json' });
    expect(config.dataSource).toBe('simulated');
    expect(config.simulator.tenantFile).toBe('fixtures/big.json');
    expect(config.microsoft.credential).toEqual({ kind: 'clientSecret', tenantId: '', clientId: '', clientSecret: '' });
  });

  it('when bot authentication is configured, then the server binds all interfaces', () => {
    const config = loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 'pw-123456', MicrosoftAppTenantId: TENANT, PORT: '8080' });
    expect(config.bot).toEqual({ appId: APP, appPassword: 'pw-123456', appType: 'SingleTenant', appTenantId: TENANT });
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
  });

  it('when a user-assigned managed identity runs the bot, then no password is needed', () => {
    const config = loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'userassignedmsi', MicrosoftAppTenantId: TENANT });
    expect(config.bot.appType).toBe('UserAssignedMSI');
  });

  it.each<[string, Record<string, string>, string]>([
    ['malformed PORT', { PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535, got "eighty"'],
    ['PORT out of range', { PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    ['malformed MicrosoftAppId', { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'pw-123456', MicrosoftAppTenantId: TENANT }, 'MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000, got "my-bot"'],
    ['unknown MicrosoftAppType', { MicrosoftAppType: 'Anonymous' }, 'MicrosoftAppType must be one of SingleTenant, UserAssignedMSI, MultiTenant, got "Anonymous"'],
    ['password without app id', { MicrosoftAppPassword: 'pw-123456' }, 'MicrosoftAppPassword is set but MicrosoftAppId is missing'],
    ['SingleTenant without tenant', { MicrosoftAppId: APP, MicrosoftAppPassword: 'pw-123456' }, 'MicrosoftAppTenantId is missing (required when MicrosoftAppType is SingleTenant)'],
    ['SingleTenant without password', { MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT }, 'MicrosoftAppPassword is missing (required when MicrosoftAppType is SingleTenant)'],
    ['MSI with a password', { MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'pw-123456' }, 'MicrosoftAppPassword must not be set when MicrosoftAppType is UserAssignedMSI'],
    ['malformed MicrosoftAppTenantId', { MicrosoftAppTenantId: 'contoso' }, 'MicrosoftAppTenantId must be a GUID like 00000000-0000-0000-0000-000000000000, got "contoso"'],
    ['unknown DATA_SOURCE', { DATA_SOURCE: 'prod' }, 'DATA_SOURCE must be one of live, simulated, got "prod"'],
    ['live without credentials', { DATA_SOURCE: 'live', TENANT_ID: TENANT }, 'DATA_SOURCE is live but no Azure credential is configured'],
    ['secret without tenant', { AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'x-secret' }, 'AZURE_TENANT_ID is missing (required with a client secret or certificate)'],
    ['secret without client id', { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_SECRET: 'x-secret' }, 'AZURE_CLIENT_ID is missing (required with a client secret or certificate)'],
    ['secret and certificate', { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'x-secret', AZURE_CLIENT_CERTIFICATE_PATH: '/c.pem' }, 'Set only one of AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH'],
    ['malformed AZURE_CLIENT_ID', { AZURE_CLIENT_ID: 'abc' }, 'AZURE_CLIENT_ID must be a GUID'],
    ['malformed managed identity flag', { AZURE_USE_MANAGED_IDENTITY: 'yes' }, 'AZURE_USE_MANAGED_IDENTITY must be true or false, got "yes"'],
    ['managed identity without tenant', { AZURE_USE_MANAGED_IDENTITY: 'true' }, 'TENANT_ID is missing'],
    ['malformed TENANT_ID', { TENANT_ID: 'x' }, 'TENANT_ID must be a GUID'],
    ['malformed GRAPH_BASE_URL', { GRAPH_BASE_URL: 'graph.microsoft.com' }, 'GRAPH_BASE_URL must be an http(s) URL, got "graph.microsoft.com"'],
    ['malformed BAP_BASE_URL', { BAP_BASE_URL: 'ftp://bap' }, 'BAP_BASE_URL must be an http(s) URL, got "ftp://bap"'],
    ['malformed AZURE_AUTHORITY_HOST', { AZURE_AUTHORITY_HOST: '::' }, 'AZURE_AUTHORITY_HOST must be an http(s) URL'],
    ['malformed SIM_URL', { SIM_URL: '127.0.0.1:4010' }, 'SIM_URL must be an http(s) URL'],
    ['SIM_URL and SIM_TENANT together', { SIM_URL: 'http://127.0.0.1:4010', SIM_TENANT: 'a.json' }, 'Set only one of SIM_URL'],
    ['simulator keys in live mode', { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'x-secret', SIM_URL: 'http://127.0.0.1:4010' }, 'SIM_URL and SIM_TENANT only apply when DATA_SOURCE is simulated'],
    ['malformed ADMINS_GROUP_ID', { ADMINS_GROUP_ID: 'Admins' }, 'ADMINS_GROUP_ID must be a GUID'],
    ['malformed HELPDESK_GROUP_ID', { HELPDESK_GROUP_ID: 'Helpdesk' }, 'HELPDESK_GROUP_ID must be a GUID'],
    ['malformed SYNC_MIN_CONCURRENCY', { SYNC_MIN_CONCURRENCY: '0' }, 'SYNC_MIN_CONCURRENCY must be a whole number from 1 to 256, got "0"'],
    ['malformed SYNC_MAX_CONCURRENCY', { SYNC_MAX_CONCURRENCY: '1.5' }, 'SYNC_MAX_CONCURRENCY must be a whole number from 1 to 256, got "1.5"'],
    ['min above max concurrency', { SYNC_MIN_CONCURRENCY: '20', SYNC_MAX_CONCURRENCY: '10' }, 'SYNC_MIN_CONCURRENCY (20) must not exceed SYNC_MAX_CONCURRENCY (10)'],
    ['malformed SYNC_MAX_RETRIES', { SYNC_MAX_RETRIES: '-1' }, 'SYNC_MAX_RETRIES must be a whole number from 0 to 50'],
    ['malformed SYNC_LICENCE_WAIT_SECONDS', { SYNC_LICENCE_WAIT_SECONDS: 'soon' }, 'SYNC_LICENCE_WAIT_SECONDS must be a whole number'],
    ['malformed SYNC_CONFIRM_VISIBILITY_SECONDS', { SYNC_CONFIRM_VISIBILITY_SECONDS: '9999' }, 'SYNC_CONFIRM_VISIBILITY_SECONDS must be a whole number from 0 to 3600'],
    ['malformed SYNC_PROGRESS_INTERVAL_SECONDS', { SYNC_PROGRESS_INTERVAL_SECONDS: '0' }, 'SYNC_PROGRESS_INTERVAL_SECONDS must be a whole number from 1 to 3600'],
    ['malformed CONFIRMATION_TTL_MINUTES', { CONFIRMATION_TTL_MINUTES: '0' }, 'CONFIRMATION_TTL_MINUTES must be a whole number from 1 to 1440'],
    ['unknown LOG_LEVEL', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
  ])('when %s, then one config.invalid error names it', (_case, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toEqual([expect.stringContaining(expected)]);
  });

  it('when several keys are wrong, then a single error lists every one of them', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', MicrosoftAppId: APP, ADMINS_GROUP_ID: 'admins' });
    expect(problems).toHaveLength(5);
    for (const key of ['PORT', 'LOG_LEVEL', 'ADMINS_GROUP_ID', 'MicrosoftAppTenantId', 'MicrosoftAppPassword']) {
      expect(problems.some((p) => p.startsWith(key))).toBe(true);
    }
  });

  it('when a secret is wrong, then the error never repeats the secret', () => {
    const error = (() => {
      try {
        return loadConfig({ AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'super-secret-value', MicrosoftAppPassword: 'bot-password-value' });
      } catch (e) {
        return e as AppError;
      }
    })() as AppError;
    expect(error.userMessage).not.toContain('super-secret-value');
    expect(error.userMessage).not.toContain('bot-password-value');
  });
});

describe('.env.example', () => {
  const text = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');

  it('when copied to .env as is, then it loads (simulated demo tenant)', () => {
    expect(loadConfig(parse(text)).dataSource).toBe('simulated');
  });

  it('documents every key that loadConfig reads, each with a comment line above it', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'config.ts'), 'utf8');
    const read = new Set([...source.matchAll(/r\.\w+\('([A-Za-z_]+)'/g)].map((m) => m[1] ?? ''));
    const lines = text.split('\n');
    const documented = new Set<string>();
    lines.forEach((line, i) => {
      const key = /^([A-Za-z_]+)=/.exec(line)?.[1];
      if (key && lines[i - 1]?.startsWith('#')) documented.add(key);
    });
    expect([...read].filter((key) => !documented.has(key))).toEqual([]);
  });
});
