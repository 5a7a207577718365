/**
 * Configuration, read once from the environment (and .env) by loadConfig() and validated:
 * one error lists every missing or malformed key. This is the only file that reads process.env
 * for the bot (the simulator and CLI entry points pass env in explicitly).
 *
 * OWNER: the spine (issue 3) implements loadConfig(); other features add keys here.
 */
import { AppError } from './errors';
import { EnvReader } from './env-reader';
import { CLOUD_NAMES, CLOUD_SETTING_VALUES, cloudNamed, withBapAudience, type Cloud } from './gateways/auth/clouds';

export type DataSource = 'live' | 'simulated';

export interface Config {
  readonly port: number;
  /** 127.0.0.1 when bot authentication is off, else HOST (default 0.0.0.0) */
  readonly host: string;
  readonly bot: {
    readonly appId: string | null;
    readonly appPassword: string | null;
    readonly appType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
    readonly appTenantId: string | null;
  };
  readonly dataSource: DataSource;
  /** Tenant whose activities the bot serves (tenant lock). */
  readonly tenantId: string;
  readonly microsoft: {
    /**
     * Where each Microsoft API is and the token scope for it (CLOUD, src/gateways/auth/clouds.ts).
     * Simulated: the simulator's URLs with the public cloud's scopes.
     */
    readonly cloud: Cloud;
    /** api-version sent to the Power Platform admin API (BAP). */
    readonly bapApiVersion: string;
    readonly credential:
      | { readonly kind: 'clientSecret'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
      | { readonly kind: 'certificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePath: string }
      | { readonly kind: 'managedIdentity'; readonly clientId: string | null };
  };
  readonly simulator: {
    /** Use an already running simulator instead of starting one in-process. */
    readonly url: string | null;
    /** Fixture for the in-process simulator; null = built-in Contoso demo tenant. */
    readonly tenantFile: string | null;
    /** Display name of the simulated tenant (from its fixture), shown on cards; set by composeApp. */
    readonly tenantName: string | null;
  };
  readonly storePath: string;
  /** The store when it is not SQLite at storePath (issue 16); optional so hand-built configs keep working. */
  readonly database?: DatabaseSettings;
  readonly defaultEnvironment: string | null;
  /** "the app" in a question: an app name, optionally `<app> in <environment>` (DEFAULT_APP); optional so hand-built configs keep working. */
  readonly defaultApp?: string | null;
  readonly roles: { readonly adminsGroupId: string | null; readonly helpdeskGroupId: string | null };
  readonly sync: {
    readonly minConcurrency: number;
    readonly maxConcurrency: number;
    readonly maxRetries: number;
    readonly licenceWaitSeconds: number;
    readonly confirmVisibilitySeconds: number;
    readonly progressIntervalSeconds: number;
  };
  /** How often watched groups are checked for new members. */
  readonly watchIntervalSeconds: number;
  readonly confirmationTtlMinutes: number;
  /** How long a question the bot asks in a dialog waits for its answer; optional so hand-built configs keep working (15). */
  readonly dialogTimeoutMinutes?: number;
  /** Role cache and per-caller limits for expensive requests (src/security); optional so hand-built configs keep working. */
  readonly limits?: { readonly roleCacheSeconds: number; readonly expensive: { readonly burst: number; readonly perMinute: number } };
  /** OpenTelemetry export (src/observability); optional so hand-built configs keep working (telemetry off). */
  readonly telemetry?: TelemetrySettings;
  readonly logLevel: string;
}

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readBot(r: EnvReader): Config['bot'] {
  const appId = r.guid('MicrosoftAppId');
  const appPassword = r.text('MicrosoftAppPassword');
  const appType = r.oneOf('MicrosoftAppType', ['SingleTenant', 'UserAssignedMSI', 'MultiTenant'] as const, 'SingleTenant');
  const appTenantId = r.guid('MicrosoftAppTenantId');
  if (appId === null) {
    if (appPassword !== null) r.problems.push('MicrosoftAppPassword is set but MicrosoftAppId is missing');
  } else {
    if (appType !== 'MultiTenant' && appTenantId === null) r.problems.push(`MicrosoftAppTenantId is missing (required when MicrosoftAppType is ${appType})`);
    if (appType === 'UserAssignedMSI' && appPassword !== null) r.problems.push('MicrosoftAppPassword must not be set when MicrosoftAppType is UserAssignedMSI');
    if (appType !== 'UserAssignedMSI' && appPassword === null) r.problems.push(`MicrosoftAppPassword is missing (required when MicrosoftAppType is ${appType})`);
  }
  return { appId, appPassword, appType, appTenantId };
}

/** The Azure credential, or null when none is configured (then the bot runs on the simulated tenant). */
function readCredential(r: EnvReader): Config['microsoft']['credential'] | null {
  const tenantId = r.guid('AZURE_TENANT_ID');
  const clientId = r.guid('AZURE_CLIENT_ID');
  const secret = r.text('AZURE_CLIENT_SECRET');
  const certificatePath = r.text('AZURE_CLIENT_CERTIFICATE_PATH');
  if (r.boolean('AZURE_USE_MANAGED_IDENTITY')) return { kind: 'managedIdentity', clientId };
  if (secret === null && certificatePath === null) return null;
  if (secret !== null && certificatePath !== null) r.problems.push('Set only one of AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH');
  if (tenantId === null) r.problems.push('AZURE_TENANT_ID is missing (required with a client secret or certificate)');
  if (clientId === null) r.problems.push('AZURE_CLIENT_ID is missing (required with a client secret or certificate)');
  if (secret !== null) return { kind: 'clientSecret', tenantId: tenantId ?? '', clientId: clientId ?? '', clientSecret: secret };
  return { kind: 'certificate', tenantId: tenantId ?? '', clientId: clientId ?? '', certificatePath: certificatePath ?? '' };
}

/** "Dataverse Access Bot Admins" / "…Helpdesk" of the Contoso demo tenant: the role groups when simulated and unset. */
const CONTOSO_ADMINS_GROUP_ID = '3fc70eb1-bd09-4c36-86ab-5e37dbf5c1ac';
const CONTOSO_HELPDESK_GROUP_ID = '07dec014-5dd0-4de1-b76a-7131631d8fb5';

/** Keys an earlier version read; CLOUD chooses these hosts now, together with their token scopes. */
const RETIRED_KEYS = ['GRAPH_BASE_URL', 'BAP_BASE_URL', 'AZURE_AUTHORITY_HOST'];

/**
 * CLOUD (default public), with BAP_AUDIENCE replacing its BAP / Power Apps token audience if set.
 * Both only apply to live data: the simulated tenant is a public-cloud tenant and issues public-cloud tokens.
 */
function readCloud(r: EnvReader, dataSource: DataSource): Cloud {
  for (const key of RETIRED_KEYS) {
    if (r.text(key) !== null) r.problems.push(`${key} is no longer read: set CLOUD (${CLOUD_NAMES.join(', ')}) instead, which chooses every Microsoft host with its token audience`);
  }
  const cloud = cloudNamed(r.oneOf('CLOUD', CLOUD_SETTING_VALUES, 'public'));
  const audience = r.url('BAP_AUDIENCE', null);
  if (dataSource === 'simulated') {
    if (cloud.name !== 'public') r.problems.push(`CLOUD=${cloud.name} needs DATA_SOURCE=live (and an Azure credential): the simulated tenant is a public-cloud tenant`);
    if (audience !== null) r.problems.push('BAP_AUDIENCE only applies when DATA_SOURCE is live');
  }
  return audience === null ? cloud : withBapAudience(cloud, audience);
}

// --- Store (issue 16): DATABASE_URL selects PostgreSQL; SQLITE_ALLOW_NETWORK_FS; HOST ---
export interface DatabaseSettings {
  /** postgres://… (several instances, jobs on pg-boss); null: SQLite at STORE_PATH (one instance). */
  readonly url: string | null;
  /** `rollback-journal`: the admin accepts SQLite on a network filesystem, on one single instance. */
  readonly sqliteOnNetworkFs: 'refuse' | 'rollback-journal';
  /** PostgreSQL sign-in (DATABASE_AUTH): the password in DATABASE_URL, or `entra`, a Microsoft Entra token of the bot's Azure credential per connection. */
  readonly auth?: 'password' | 'entra';
  /**
   * PostgreSQL: how often an instance running a job (or the addUser lane) tells pg-boss it is alive;
   * pg-boss gives the work to another instance once this passes in silence (JOB_HEARTBEAT_SECONDS, 10–40, default 20: work resumes within 60 s).
   */
  readonly jobHeartbeatSeconds: number;
}

function readDatabase(r: EnvReader, dataSource: DataSource): DatabaseSettings {
  const url = r.text('DATABASE_URL');
  if (url !== null && !/^postgres(ql)?:\/\/[^\s]+$/i.test(url)) r.problems.push('DATABASE_URL must be a PostgreSQL connection string like postgres://user:password@host:5432/database?sslmode=require');
  const network = r.text('SQLITE_ALLOW_NETWORK_FS');
  if (network !== null && network !== 'rollback-journal') r.problems.push(`SQLITE_ALLOW_NETWORK_FS must be rollback-journal (one single instance) or unset, got "${network}"`);
  const auth = r.oneOf('DATABASE_AUTH', ['password', 'entra'] as const, 'password');
  if (auth === 'entra' && (url === null || dataSource !== 'live')) r.problems.push('DATABASE_AUTH=entra needs DATABASE_URL (without a password) and DATA_SOURCE=live: the bot signs in to PostgreSQL with its Azure credential');
  return {
    url: url !== null && /^postgres/i.test(url) ? url : null,
    auth,
    sqliteOnNetworkFs: network === 'rollback-journal' ? 'rollback-journal' : 'refuse',
    // pg-boss refuses heartbeats under 10 s; above 40 s a dead instance's work could wait more than a minute (src/jobs/boss/timing.ts).
    jobHeartbeatSeconds: r.integer('JOB_HEARTBEAT_SECONDS', 20, 10, 40),
  };
}

/** HOST: where the bot listens when bot authentication is on (default every interface, as App Service needs). */
function readHost(r: EnvReader, authenticated: boolean): string {
  const host = r.matching('HOST', /^(?:[0-9.]+|\[?[0-9a-f:]+\]?|[a-z0-9.-]+)$/i, 'an IP address or host name', '0.0.0.0');
  if (!authenticated && r.text('HOST') !== null) r.problems.push('HOST only applies when bot authentication is on (MicrosoftAppId set): without it the bot listens on 127.0.0.1 only');
  return authenticated ? host.replace(/^\[(.*)\]$/, '$1') : '127.0.0.1';
}
// --- end of the store block ---

// --- Telemetry (issue 17): the OpenTelemetry SDK exports to OTLP and/or Azure Monitor, or nowhere ---
export interface TelemetrySettings {
  /** OTLP/HTTP URLs for traces and metrics; null: no OTLP export. */
  readonly otlp: { readonly tracesUrl: string; readonly metricsUrl: string } | null;
  /** Application Insights connection string (Azure Monitor distro); null: none. */
  readonly azureMonitorConnectionString: string | null;
  readonly serviceName: string;
}

/**
 * The standard OTEL_* keys that choose where telemetry goes, resolved as the SDK does (a signal's
 * own endpoint verbatim, else the base endpoint plus /v1/traces or /v1/metrics); the exporters
 * read the other OTEL_EXPORTER_OTLP_* keys (headers, timeout, …) themselves. OTEL_SDK_DISABLED
 * turns everything off.
 */
function readTelemetry(r: EnvReader): TelemetrySettings {
  const serviceName = r.text('OTEL_SERVICE_NAME') ?? 'dataverse-access-bot';
  const base = r.url('OTEL_EXPORTER_OTLP_ENDPOINT', null);
  const traces = r.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', null);
  const metrics = r.url('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', null);
  const connectionString = r.text('APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (connectionString !== null && !/(^|;)\s*InstrumentationKey=[^;]+/i.test(connectionString)) {
    r.problems.push('APPLICATIONINSIGHTS_CONNECTION_STRING must be the connection string of an Application Insights resource (InstrumentationKey=…;IngestionEndpoint=…)');
  }
  if (r.boolean('OTEL_SDK_DISABLED')) return { otlp: null, azureMonitorConnectionString: null, serviceName };
  const root = base ?? 'http://localhost:4318';
  const otlp = (base ?? traces ?? metrics) !== null ? { tracesUrl: traces ?? `${root}/v1/traces`, metricsUrl: metrics ?? `${root}/v1/metrics` } : null;
  return { otlp, azureMonitorConnectionString: connectionString, serviceName };
}
// --- end of the telemetry block ---

/** Placeholder until composeApp points the config at the simulator it starts or joins. */
const SIMULATED_CREDENTIAL: Config['microsoft']['credential'] = { kind: 'clientSecret', tenantId: '', clientId: '', clientSecret: '' };

/**
 * Reads and validates the whole configuration. Throws one AppError('config.invalid') listing every
 * missing or malformed key. Data source: DATA_SOURCE if set, else live iff Azure credentials are
 * configured. In simulated mode the Microsoft URLs, credential and tenant id are placeholders that
 * composeApp replaces with the simulator's.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = new EnvReader(env);
  const bot = readBot(r);
  const credential = readCredential(r);
  const dataSource: DataSource = r.oneOf('DATA_SOURCE', ['live', 'simulated'] as const, credential ? 'live' : 'simulated');
  if (dataSource === 'live' && credential === null) {
    r.problems.push('DATA_SOURCE is live but no Azure credential is configured (set AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USE_MANAGED_IDENTITY=true)');
  }
  const tenantOverride = r.guid('TENANT_ID');
  const credentialTenant = credential && credential.kind !== 'managedIdentity' ? credential.tenantId : null;
  const tenantId = tenantOverride ?? credentialTenant ?? bot.appTenantId ?? '';
  if (dataSource === 'live' && tenantId === '' && credential?.kind === 'managedIdentity') r.problems.push('TENANT_ID is missing (the tenant the bot serves; needed with managed identity when MicrosoftAppTenantId is not set)');
  const simUrl = r.url('SIM_URL', null);
  const simTenant = r.text('SIM_TENANT');
  if (dataSource === 'live' && (simUrl !== null || simTenant !== null)) r.problems.push('SIM_URL and SIM_TENANT only apply when DATA_SOURCE is simulated');
  if (simUrl !== null && simTenant !== null) r.problems.push('Set only one of SIM_URL (use a running simulator) and SIM_TENANT (fixture for the in-process one)');

  const cloud = readCloud(r, dataSource);

  const minConcurrency = r.integer('SYNC_MIN_CONCURRENCY', 2, 1, 256);
  const maxConcurrency = r.integer('SYNC_MAX_CONCURRENCY', 64, 1, 256);
  if (minConcurrency > maxConcurrency) r.problems.push(`SYNC_MIN_CONCURRENCY (${minConcurrency}) must not exceed SYNC_MAX_CONCURRENCY (${maxConcurrency})`);

  const config: Config = {
    port: r.integer('PORT', 3978, 0, 65535),
    host: readHost(r, bot.appId !== null),
    bot,
    dataSource,
    tenantId,
    microsoft: {
      cloud,
      // Microsoft's Terraform provider sends 2023-06-01 to environments and addUser (microsoft-apis.md §1.2).
      bapApiVersion: r.matching('BAP_API_VERSION', API_VERSION, 'a date like 2023-06-01', '2023-06-01'),
      credential: dataSource === 'live' && credential ? credential : SIMULATED_CREDENTIAL,
    },
    simulator: { url: simUrl, tenantFile: simTenant, tenantName: null },
    storePath: r.text('STORE_PATH') ?? './data/bot.sqlite',
    database: readDatabase(r, dataSource),
    defaultEnvironment: r.text('DEFAULT_ENVIRONMENT'),
    defaultApp: r.text('DEFAULT_APP'),
    roles: {
      adminsGroupId: r.guid('ADMINS_GROUP_ID') ?? (dataSource === 'simulated' ? CONTOSO_ADMINS_GROUP_ID : null),
      helpdeskGroupId: r.guid('HELPDESK_GROUP_ID') ?? (dataSource === 'simulated' ? CONTOSO_HELPDESK_GROUP_ID : null),
    },
    sync: {
      minConcurrency,
      maxConcurrency,
      maxRetries: r.integer('SYNC_MAX_RETRIES', 6, 0, 50),
      licenceWaitSeconds: r.integer('SYNC_LICENCE_WAIT_SECONDS', 0, 0, 3600),
      confirmVisibilitySeconds: r.integer('SYNC_CONFIRM_VISIBILITY_SECONDS', 60, 0, 3600),
      progressIntervalSeconds: r.integer('SYNC_PROGRESS_INTERVAL_SECONDS', 5, 1, 3600),
    },
    confirmationTtlMinutes: r.integer('CONFIRMATION_TTL_MINUTES', 15, 1, 1440),
    dialogTimeoutMinutes: r.integer('DIALOG_TIMEOUT_MINUTES', 15, 1, 1440),
    watchIntervalSeconds: r.integer('WATCH_INTERVAL_SECONDS', 300, 30, 86_400),
    limits: {
      roleCacheSeconds: r.integer('ROLE_CACHE_SECONDS', 60, 0, 3600),
      expensive: { burst: r.integer('RATE_LIMIT_BURST', 10, 1, 1000), perMinute: r.integer('RATE_LIMIT_PER_MINUTE', 10, 1, 6000) },
    },
    telemetry: readTelemetry(r),
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  };
  if (r.problems.length > 0) {
    const list = r.problems.map((p) => `- ${p}`).join('\n');
    throw new AppError('config.invalid', `The configuration is invalid:\n${list}\nSee .env.example for every key.`);
  }
  return Object.freeze(config);
}
