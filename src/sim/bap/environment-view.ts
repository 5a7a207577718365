import { stableGuid } from '../ids';
import { organizationIdOf } from '../dataverse/organization-id';
import type { SimEnvironment } from '../model';
import { environmentFacts } from '../eligibility';
import type { SimContext } from '../types';

export const ENVIRONMENTS_PATH = '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments';

const DATAVERSE_VERSION = '9.2.25103.00187';

/**
 * Properties that BAP returns only when `$expand` names them (§2.1: `$expand=properties.capacity,properties.addons`),
 * written either `properties.addons` or `properties/addons`.
 */
export function expandedProperties(query: URLSearchParams): Set<string> {
  const names = (query.get('$expand') ?? '').split(',').map((part) => part.trim().toLowerCase().replace(/^properties[./]/, ''));
  return new Set(names.filter((name) => name.length > 0));
}

/** An environment as `GET …/scopes/admin/environments` returns it (§2.2); add-ons only when expanded. */
export function toBapEnvironment(env: SimEnvironment, ctx: SimContext, expand: ReadonlySet<string>): Record<string, unknown> {
  const tenant = ctx.state.fixture.tenant;
  const facts = environmentFacts(env, ctx.origin);
  const createdTime = env.createdTime ?? '2024-01-01T00:00:00.000Z';
  const creator = env.createdByUserId ? ctx.state.usersById.get(env.createdByUserId.toLowerCase()) : undefined;
  const location = env.location ?? 'unitedstates';
  return {
    id: `${ENVIRONMENTS_PATH}/${env.id}`,
    type: 'Microsoft.BusinessAppPlatform/scopes/environments',
    location,
    name: env.id,
    properties: {
      tenantId: tenant.id,
      azureRegion: location === 'europe' ? 'westeurope' : 'westus',
      displayName: env.displayName,
      description: '',
      createdTime,
      createdBy: creator
        ? { id: creator.id, displayName: creator.displayName, email: creator.mail ?? creator.userPrincipalName, type: 'User', tenantId: tenant.id, userPrincipalName: creator.userPrincipalName }
        : { id: 'SYSTEM', displayName: 'SYSTEM', type: 'NotSpecified' },
      provisioningState: 'Succeeded',
      creationType: env.sku === 'Default' ? 'DefaultTenant' : env.sku === 'Developer' ? 'Developer' : 'User',
      environmentSku: env.sku,
      isDefault: env.sku === 'Default',
      clientUris: {
        admin: `https://admin.powerplatform.microsoft.com/environments/${env.id}/hub`,
        maker: `https://make.powerapps.com/environments/${env.id}/home`,
      },
      databaseType: env.dataverse ? 'CommonDataService' : 'None',
      ...(env.dataverse && facts.instanceUrl ? { linkedEnvironmentMetadata: linkedMetadata(env, facts.instanceUrl, facts.securityGroupId, createdTime) } : {}),
      states: { management: { id: 'Ready' }, runtime: { id: env.runtimeState } },
      updateCadence: { id: 'Frequent' },
      retentionPeriod: 'P7D',
      ...(expand.has('addons') ? { addons: [{ addonType: 'AppPass', allocated: env.appPassCapacity, addonUnit: 'Unit' }] } : {}),
    },
  };
}

function linkedMetadata(env: SimEnvironment, instanceUrl: string, securityGroupId: string | null, createdTime: string): Record<string, unknown> {
  const org = env.dataverse?.org ?? '';
  return {
    type: 'Dynamics365Instance',
    resourceId: organizationIdOf(env.id),
    friendlyName: env.displayName,
    uniqueName: `unq${stableGuid(`unique:${env.id}`).replace(/-/g, '').slice(0, 24)}`,
    domainName: org,
    version: DATAVERSE_VERSION,
    instanceUrl,
    instanceApiUrl: instanceUrl.replace(/\/$/, ''),
    baseLanguage: 1033,
    instanceState: 'Ready',
    createdTime,
    backgroundOperationsState: 'Enabled',
    platformSku: 'Standard',
    ...(securityGroupId ? { securityGroupId } : {}),
  };
}
