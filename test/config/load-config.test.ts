import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { loadConfig } from '../../src/config';
import { AppError } from '../../src/errors';

const TENANT = '11111111-1111-1111-1111-111111111111';
const APP = '22222222-2222-2222-2222-222222222222';
const CLIENT = '33333333-3333-3333-3333-333333333333';
const LIVE = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'x-secret' };

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
    expect(config.microsoft.cloud.graph.baseUrl).toBe('https://graph.microsoft.com');
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
    ['unknown CLOUD', { ...LIVE, CLOUD: 'azure' }, 'CLOUD must be one of public, usgov, usgovhigh, dod, china, gcc, gcchigh, got "azure"'],
    ['a government CLOUD with the simulated tenant', { CLOUD: 'usgov' }, 'CLOUD=usgov needs DATA_SOURCE=live (and an Azure credential): the simulated tenant is a public-cloud tenant'],
    ['BAP_AUDIENCE with the simulated tenant', { BAP_AUDIENCE: 'https://service.powerapps.us/' }, 'BAP_AUDIENCE only applies when DATA_SOURCE is live'],
    ['malformed BAP_AUDIENCE', { ...LIVE, CLOUD: 'gcc', BAP_AUDIENCE: 'service.powerapps.us' }, 'BAP_AUDIENCE must be an http(s) URL, got "service.powerapps.us"'],
    ['GRAPH_BASE_URL from an earlier version', { ...LIVE, GRAPH_BASE_URL: 'https://graph.microsoft.us' }, 'GRAPH_BASE_URL is no longer read: set CLOUD (public, usgov, usgovhigh, dod, china) instead'],
    ['BAP_BASE_URL from an earlier version', { BAP_BASE_URL: 'https://high.api.bap.microsoft.us' }, 'BAP_BASE_URL is no longer read: set CLOUD'],
    ['AZURE_AUTHORITY_HOST from an earlier version', { AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' }, 'AZURE_AUTHORITY_HOST is no longer read: set CLOUD'],
    ['malformed BAP_API_VERSION', { BAP_API_VERSION: 'latest' }, 'BAP_API_VERSION must be a date like 2023-06-01, got "latest"'],
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

describe('loadConfig: CLOUD', () => {
  it('when CLOUD is not set, then the public cloud: worldwide Entra, Graph and BAP with their own audiences, api-version 2023-06-01', () => {
    const { cloud, bapApiVersion } = loadConfig(LIVE).microsoft;
    expect(cloud.name).toBe('public');
    expect(cloud.authorityHost).toBe('https://login.microsoftonline.com');
    expect(cloud.graph).toEqual({ baseUrl: 'https://graph.microsoft.com', scope: 'https://graph.microsoft.com/.default' });
    expect(cloud.bap).toEqual({ baseUrl: 'https://api.bap.microsoft.com', scope: 'https://service.powerapps.com/.default' });
    expect(cloud.powerApps).toEqual({ baseUrl: 'https://api.powerapps.com', scope: 'https://service.powerapps.com/.default' });
    expect(bapApiVersion).toBe('2023-06-01');
  });

  it('when the simulated tenant runs, then the cloud is public too (the simulator plays a public-cloud tenant)', () => {
    expect(loadConfig({}).microsoft.cloud.name).toBe('public');
    expect(loadConfig({ CLOUD: 'Public' }).microsoft.cloud.name).toBe('public');
  });

  it.each<[string, string, string, string, string, string, string, string]>([
    // CLOUD, name, authority, Graph host, BAP host, BAP audience, Power Apps host, Dataverse suffix
    ['usgov', 'usgov', 'login.microsoftonline.com', 'graph.microsoft.com', 'gov.api.bap.microsoft.us', 'gov.service.powerapps.us', 'gov.api.powerapps.us', '.crm9.dynamics.com'],
    ['GCC', 'usgov', 'login.microsoftonline.com', 'graph.microsoft.com', 'gov.api.bap.microsoft.us', 'gov.service.powerapps.us', 'gov.api.powerapps.us', '.crm9.dynamics.com'],
    ['usgovhigh', 'usgovhigh', 'login.microsoftonline.us', 'graph.microsoft.us', 'high.api.bap.microsoft.us', 'high.service.powerapps.us', 'high.api.powerapps.us', '.crm.microsoftdynamics.us'],
    ['gcchigh', 'usgovhigh', 'login.microsoftonline.us', 'graph.microsoft.us', 'high.api.bap.microsoft.us', 'high.service.powerapps.us', 'high.api.powerapps.us', '.crm.microsoftdynamics.us'],
    ['dod', 'dod', 'login.microsoftonline.us', 'dod-graph.microsoft.us', 'api.bap.appsplatform.us', 'service.apps.appsplatform.us', 'api.apps.appsplatform.us', '.crm.appsplatform.us'],
    ['china', 'china', 'login.chinacloudapi.cn', 'microsoftgraph.chinacloudapi.cn', 'api.bap.partner.microsoftonline.cn', 'service.powerapps.cn', 'api.powerapps.cn', '.crm.dynamics.cn'],
  ])('when CLOUD=%s, then %s: Entra, Graph, BAP and Power Apps hosts come with that cloud\'s audiences', (setting, name, authority, graph, bap, audience, powerApps, dataverse) => {
    const { cloud } = loadConfig({ ...LIVE, CLOUD: setting }).microsoft;
    expect(cloud.name).toBe(name);
    expect(cloud.authorityHost).toBe(`https://${authority}`);
    expect(cloud.graph).toEqual({ baseUrl: `https://${graph}`, scope: `https://${graph}/.default` });
    expect(cloud.bap).toEqual({ baseUrl: `https://${bap}`, scope: `https://${audience}/.default` });
    expect(cloud.powerApps).toEqual({ baseUrl: `https://${powerApps}`, scope: `https://${audience}/.default` });
    expect(cloud.dataverseHostSuffixes).toEqual([dataverse]);
  });

  it('when BAP_AUDIENCE is set, then it replaces the BAP and Power Apps audience and nothing else', () => {
    const { cloud } = loadConfig({ ...LIVE, CLOUD: 'usgovhigh', BAP_AUDIENCE: 'https://high.service.apps.appsplatform.us/' }).microsoft;
    expect(cloud.bap).toEqual({ baseUrl: 'https://high.api.bap.microsoft.us', scope: 'https://high.service.apps.appsplatform.us/.default' });
    expect(cloud.powerApps.scope).toBe('https://high.service.apps.appsplatform.us/.default');
    expect(cloud.graph.scope).toBe('https://graph.microsoft.us/.default');
  });

  it('when BAP_API_VERSION is set, then that api-version is used', () => {
    expect(loadConfig({ BAP_API_VERSION: '2019-05-01' }).microsoft.bapApiVersion).toBe('2019-05-01');
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
