import type { Environment } from '../types';
import { isRecord, record, str } from '../http/wire';

const NO_GROUP = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;


/** One BAP environment object (§2.2) → our Environment. */
export function toEnvironment(wire: unknown): Environment {
  const env = record(wire);
  const properties = record(env.properties);
  const states = record(properties.states);
  return {
    id: str(env.name),
    displayName: str(properties.displayName),
    sku: str(properties.environmentSku),
    isDefault: properties.isDefault === true,
    runtimeState: str(record(states.runtime).id),
    dataverse: toDataverse(properties.linkedEnvironmentMetadata),
    appPassCapacity: appPassCapacity(properties.addons),
  };
}

function toDataverse(metadata: unknown): Environment['dataverse'] {
  if (!isRecord(metadata)) return null;
  const instanceUrl = str(metadata.instanceUrl);
  if (instanceUrl === '') return null;
  const groupId = str(metadata.securityGroupId);
  return {
    instanceUrl,
    domainName: str(metadata.domainName),
    securityGroupId: groupId === '' || NO_GROUP.test(groupId) ? null : groupId,
  };
}

function appPassCapacity(addons: unknown): number {
  if (!Array.isArray(addons)) return 0;
  return addons
    .filter((addon) => isRecord(addon) && addon.addonType === 'AppPass')
    .reduce((sum: number, addon: Record<string, unknown>) => sum + (typeof addon.allocated === 'number' ? addon.allocated : 0), 0);
}
