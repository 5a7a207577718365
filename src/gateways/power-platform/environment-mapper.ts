import type { Environment } from '../types';
import { isRecord, record, str } from '../http/wire';

const NO_GROUP = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    createdBy: creator(properties.createdBy),
  };
}

/** A user or service principal object id; `SYSTEM` and other placeholders mean "unknown". */
function creator(createdBy: unknown): Environment['createdBy'] {
  const who = record(createdBy);
  const id = str(who.id);
  return GUID.test(id) ? { id, displayName: str(who.displayName) || id } : null;
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
