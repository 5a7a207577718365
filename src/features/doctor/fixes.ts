/**
 * The exact fixes doctor names: where in a portal, or which `pac` / PowerShell call, with the bot's own
 * app id filled in. docs/deploy.md (steps 2–4) explains each one at length.
 */

/** The least-privileged role docs/deploy.md step 4 tells admins to create for the application user. */
export const APP_USER_ROLE = 'Access Bot Reader';

const appLabel = (appId: string | null): string => appId ?? '<AZURE_CLIENT_ID>';

export function grantGraphPermission(permission: string, appId: string | null): string {
  return (
    `Grant the Microsoft Graph application permission ${permission} to app ${appLabel(appId)} with admin consent: Entra admin center → ` +
    `App registrations → ${appLabel(appId)} → API permissions → Add a permission → Microsoft Graph → Application permissions → ${permission}, ` +
    `then Grant admin consent (a managed identity: New-MgServicePrincipalAppRoleAssignment, docs/deploy.md step 2). ` +
    'The bot sees it in its next token: restart it, or wait up to an hour.'
  );
}

export function removeGraphPermissions(permissions: readonly string[], appId: string | null): string {
  return `Remove ${permissions.join(', ')} from app ${appLabel(appId)} (Entra admin center → App registrations → ${appLabel(appId)} → API permissions → Remove permission): the bot does not use them (docs/deploy.md step 2).`;
}

export function registerManagementApp(appId: string | null): string {
  return (
    `A Power Platform administrator registers the app: pac admin application register --application-id ${appLabel(appId)} ` +
    `(or PowerShell: Add-PowerAppsAccount, then New-PowerAppManagementApp -ApplicationId ${appLabel(appId)}); docs/deploy.md step 3. ` +
    'It can take a few minutes to apply.'
  );
}

/** One fix for every environment the bot cannot read in: the same command adds the application user and gives it the role. */
export function assignApplicationUser(appId: string | null, environments: readonly { id: string; name: string }[]): string {
  const commands = environments.map((e) => `pac admin assign-user --environment ${e.id} --user ${appLabel(appId)} --role "${APP_USER_ROLE}" --application-user`);
  return [
    `Add the app as an application user with the role "${APP_USER_ROLE}" (Organization-level Read on User, Team, Security Role and Business Unit; docs/deploy.md step 4) in: ` +
      `${environments.map((e) => e.name).join(', ')}. In the Power Platform admin center: the environment → Settings → Users + permissions → Application users, or run:`,
    ...commands,
  ].join('\n');
}

/** What to do about a refused token, by Entra's AADSTS code. */
export function credentialFix(aadsts: string | null, appId: string | null): string {
  switch (aadsts) {
    case '7000215':
    case '7000222':
    case '7000218':
      return `Create a new client secret for app ${appLabel(appId)} (Entra admin center → App registrations → ${appLabel(appId)} → Certificates & secrets → New client secret), set AZURE_CLIENT_SECRET to its value and restart the bot.`;
    case '700016':
      return `AZURE_CLIENT_ID (${appLabel(appId)}) is not an app registration in the tenant AZURE_TENANT_ID: check both against Entra admin center → App registrations → the app → Overview.`;
    case '90002':
      return 'AZURE_TENANT_ID is not a tenant: copy the Directory (tenant) ID from Entra admin center → Overview.';
    default:
      return 'Check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret, certificate or managed identity the bot signs in with (docs/deploy.md step 2).';
  }
}
