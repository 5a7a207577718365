/**
 * Configuration, read once from the environment (and .env) by loadConfig() and validated:
 * one error lists every missing or malformed key. This is the only file that reads process.env
 * for the bot (the simulator and CLI entry points pass env in explicitly).
 *
 * OWNER: the spine (issue 3) implements loadConfig(); other features add keys here.
 */
export type DataSource = 'live' | 'simulated';

export interface Config {
  readonly port: number;
  /** 127.0.0.1 when bot authentication is off, else 0.0.0.0 */
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
    readonly graphBaseUrl: string; // e.g. https://graph.microsoft.com (the gateway appends /v1.0)
    readonly bapBaseUrl: string; // e.g. https://api.bap.microsoft.com
    readonly bapApiVersion: string;
    readonly authorityHost: string; // e.g. https://login.microsoftonline.com
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
  readonly defaultEnvironment: string | null;
  readonly roles: { readonly adminsGroupId: string | null; readonly helpdeskGroupId: string | null };
  readonly sync: {
    readonly minConcurrency: number;
    readonly maxConcurrency: number;
    readonly maxRetries: number;
    readonly licenceWaitSeconds: number;
    readonly confirmVisibilitySeconds: number;
    readonly progressIntervalSeconds: number;
  };
  readonly confirmationTtlMinutes: number;
  readonly logLevel: string;
}

export function loadConfig(_env: NodeJS.ProcessEnv = process.env): Config {
  throw new Error('loadConfig: not implemented yet (issue 3)');
}
