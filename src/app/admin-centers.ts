import type { CloudName } from '../gateways/auth/clouds';
import { isEnvironmentId } from '../ids';

/** The Microsoft admin sites a decline points to. */
export type AdminCenter = 'powerPlatform' | 'entra' | 'microsoft365' | 'powerApps';

export const ADMIN_CENTER_NAMES: Readonly<Record<AdminCenter, string>> = {
  powerPlatform: 'Power Platform admin center',
  entra: 'Microsoft Entra admin center',
  microsoft365: 'Microsoft 365 admin center',
  powerApps: 'Power Apps',
};

/**
 * Where each admin site is in each cloud. Public: Microsoft Learn's admin-center pages. GCC and GCC High
 * Power Platform: microsoft-apis.md §17 [S96]. GCC people use the worldwide Entra and Microsoft 365
 * admin centers (docs/deploy.md, "Sovereign clouds"). Where a host is not documented the bot names
 * the site without a link rather than guess one (docs/conversation.md).
 */
const ORIGINS: Readonly<Record<CloudName, Partial<Record<AdminCenter, string>>>> = {
  public: {
    powerPlatform: 'https://admin.powerplatform.microsoft.com',
    entra: 'https://entra.microsoft.com',
    microsoft365: 'https://admin.microsoft.com',
    powerApps: 'https://make.powerapps.com',
  },
  usgov: {
    powerPlatform: 'https://gcc.admin.powerplatform.microsoft.us',
    entra: 'https://entra.microsoft.com',
    microsoft365: 'https://admin.microsoft.com',
  },
  usgovhigh: { powerPlatform: 'https://high.admin.powerplatform.microsoft.us' },
  dod: {},
  china: {},
};

/**
 * A link the bot builds itself (never from text a person typed): the admin site of `center` in `cloud`,
 * on an environment's page when its id (checked to be one: nothing else goes into a link) is given and the
 * site has one. null where the cloud's host is unknown.
 */
export function adminCenterLink(cloud: CloudName, center: AdminCenter, environmentId?: string | null): string | null {
  const origin = ORIGINS[cloud][center];
  if (!origin) return null;
  if (!environmentId || !isEnvironmentId(environmentId)) return origin;
  if (center === 'powerPlatform') return `${origin}/environments/${environmentId}/hub`;
  if (center === 'powerApps') return `${origin}/environments/${environmentId}/apps`;
  return origin;
}
