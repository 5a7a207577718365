/**
 * The Microsoft clouds the bot can run in (microsoft-apis.md §17), one row each. A row gives every API's
 * host together with the token scope for it, so a request to one cloud's API can only carry a token for
 * that same cloud: no setting chooses a scope on its own.
 *
 * Sources: Entra authority and Graph hosts from Microsoft's national-cloud docs; BAP and Power Apps hosts
 * and audiences from Microsoft.PowerApps.Administration.PowerShell (AuthModule / RestClientModule) and
 * Microsoft's Terraform provider (constants.go); Dataverse suffixes from the Global Discovery sample.
 *
 * UNVERIFIED (PowerShell and Terraform disagree; docs/deploy.md "Sovereign clouds" says what was chosen):
 * - usgov BAP / Power Apps audience: PowerShell `https://gov.service.powerapps.us/` (chosen) vs Terraform
 *   `https://service.powerapps.us/`.
 * - usgovhigh BAP / Power Apps audience: PowerShell `https://high.service.powerapps.us/` (chosen) vs
 *   Terraform `https://high.service.apps.appsplatform.us/`. Microsoft Learn's SharePoint Migration Tool
 *   endpoint list names the PowerShell audiences next to the gov BAP hosts.
 * - usgovhigh Power Platform API host: `api.high.powerplatform.microsoft.us` (chosen: Terraform's own cloud
 *   table and the Agents SDK's API discovery) vs Terraform's constant `api.appsplatform.us` (DoD's host).
 * - china BAP / Power Apps audience `https://service.powerapps.cn/`: Terraform only (PowerShell has no China).
 * BAP_AUDIENCE replaces the BAP / Power Apps audience if Entra refuses the chosen one.
 */

export const CLOUD_NAMES = ['public', 'usgov', 'usgovhigh', 'dod', 'china'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** Other names people use for the same clouds. */
const CLOUD_ALIASES = { gcc: 'usgov', gcchigh: 'usgovhigh' } as const satisfies Record<string, CloudName>;

/** Every value CLOUD accepts, names first. */
export const CLOUD_SETTING_VALUES = [...CLOUD_NAMES, ...(Object.keys(CLOUD_ALIASES) as (keyof typeof CLOUD_ALIASES)[])] as const;
export type CloudSetting = (typeof CLOUD_SETTING_VALUES)[number];

/** One API of a cloud: where requests go and the scope of the token they carry. */
export interface CloudApi {
  /** e.g. https://api.bap.microsoft.com (no trailing slash) */
  readonly baseUrl: string;
  /** e.g. https://service.powerapps.com/.default */
  readonly scope: string;
}

export interface Cloud {
  readonly name: CloudName;
  /** For people: logs and docs. */
  readonly label: string;
  /** Entra authority for @azure/identity credentials (`authorityHost`). */
  readonly authorityHost: string;
  readonly graph: CloudApi;
  /** Power Platform admin API (BAP): environments, addUser. */
  readonly bap: CloudApi;
  /** Power Apps admin API (canvas apps). */
  readonly powerApps: CloudApi;
  /** The newer Power Platform API (api.powerplatform.com). */
  readonly powerPlatformApi: CloudApi;
  /** Dataverse instance hosts end with one of these; their scope is always `{instance origin}/.default`. */
  readonly dataverseHostSuffixes: readonly string[];
}

/** An API whose token audience is another host, e.g. BAP's is service.powerapps.com. */
function api(host: string, audienceHost: string = host): CloudApi {
  return { baseUrl: `https://${host}`, scope: `https://${audienceHost}/.default` };
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  public: {
    name: 'public',
    label: 'Public (worldwide)',
    authorityHost: 'https://login.microsoftonline.com',
    graph: api('graph.microsoft.com'),
    bap: api('api.bap.microsoft.com', 'service.powerapps.com'),
    powerApps: api('api.powerapps.com', 'service.powerapps.com'),
    powerPlatformApi: api('api.powerplatform.com'),
    dataverseHostSuffixes: ['.dynamics.com'],
  },
  usgov: {
    name: 'usgov',
    label: 'US Government (GCC)',
    authorityHost: 'https://login.microsoftonline.com',
    graph: api('graph.microsoft.com'),
    bap: api('gov.api.bap.microsoft.us', 'gov.service.powerapps.us'), // audience UNVERIFIED (see above)
    powerApps: api('gov.api.powerapps.us', 'gov.service.powerapps.us'), // audience UNVERIFIED
    powerPlatformApi: api('api.gov.powerplatform.microsoft.us'),
    dataverseHostSuffixes: ['.crm9.dynamics.com'],
  },
  usgovhigh: {
    name: 'usgovhigh',
    label: 'US Government (GCC High)',
    authorityHost: 'https://login.microsoftonline.us',
    graph: api('graph.microsoft.us'),
    bap: api('high.api.bap.microsoft.us', 'high.service.powerapps.us'), // audience UNVERIFIED
    powerApps: api('high.api.powerapps.us', 'high.service.powerapps.us'), // audience UNVERIFIED
    powerPlatformApi: api('api.high.powerplatform.microsoft.us'), // host UNVERIFIED
    dataverseHostSuffixes: ['.crm.microsoftdynamics.us'],
  },
  dod: {
    name: 'dod',
    label: 'US Government (DoD)',
    authorityHost: 'https://login.microsoftonline.us',
    graph: api('dod-graph.microsoft.us'),
    bap: api('api.bap.appsplatform.us', 'service.apps.appsplatform.us'),
    powerApps: api('api.apps.appsplatform.us', 'service.apps.appsplatform.us'),
    powerPlatformApi: api('api.appsplatform.us'),
    dataverseHostSuffixes: ['.crm.appsplatform.us'],
  },
  china: {
    name: 'china',
    label: 'China (operated by 21Vianet)',
    authorityHost: 'https://login.chinacloudapi.cn',
    graph: api('microsoftgraph.chinacloudapi.cn'),
    bap: api('api.bap.partner.microsoftonline.cn', 'service.powerapps.cn'), // audience from Terraform only
    powerApps: api('api.powerapps.cn', 'service.powerapps.cn'),
    powerPlatformApi: api('api.powerplatform.partner.microsoftonline.cn'),
    dataverseHostSuffixes: ['.crm.dynamics.cn'],
  },
};

/** The cloud a CLOUD value names (aliases included). */
export function cloudNamed(setting: CloudSetting): Cloud {
  const name: CloudName = setting in CLOUD_ALIASES ? CLOUD_ALIASES[setting as keyof typeof CLOUD_ALIASES] : (setting as CloudName);
  return CLOUDS[name];
}

/** The same cloud with another BAP / Power Apps token audience (BAP_AUDIENCE, for the UNVERIFIED ones). */
export function withBapAudience(cloud: Cloud, audience: string): Cloud {
  const scope = `${audience.replace(/\/+$/, '')}/.default`;
  return { ...cloud, bap: { ...cloud.bap, scope }, powerApps: { ...cloud.powerApps, scope } };
}

/**
 * True when a token for `scope` belongs to this cloud: one of its APIs' scopes, or a Dataverse instance
 * (`https://{org host}/.default`) whose host ends with one of its suffixes.
 */
export function isCloudScope(cloud: Cloud, scope: string): boolean {
  if ([cloud.graph, cloud.bap, cloud.powerApps, cloud.powerPlatformApi].some((a) => a.scope === scope)) return true;
  const match = /^https:\/\/([^/]+)\/\.default$/.exec(scope);
  const host = match?.[1]?.toLowerCase();
  return host !== undefined && cloud.dataverseHostSuffixes.some((suffix) => host.endsWith(suffix));
}
