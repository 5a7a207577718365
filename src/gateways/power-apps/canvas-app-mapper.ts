import { isRecord, num, record, records, str, strOrNull, type WireObject } from '../http/wire';
import type { CanvasApp, CanvasAppPermission, CanvasRoleName } from '../types';

/** The role assignment (`value[]` of …/permissions, §15): `{ id, name, properties: { roleName, principal } }`. */
export function toCanvasPermission(row: WireObject): CanvasAppPermission {
  const properties = record(row.properties);
  const principal = record(properties.principal);
  return {
    id: str(row.name) || str(row.id),
    roleName: str(properties.roleName),
    principal: {
      id: str(principal.id) || str(principal.tenantId),
      type: str(principal.type),
      displayName: strOrNull(principal.displayName),
      email: strOrNull(principal.email),
    },
  };
}

/** An app of the admin list (§15, Terraform's fixture); `properties.permissions` holds the `maxAssignedTo` expand. */
export function toCanvasApp(row: WireObject, environmentId: string): CanvasApp {
  const p = record(row.properties);
  const owner = isRecord(p.owner) ? p.owner : null;
  const connections = record(p.connectionReferences);
  const expanded = Array.isArray(p.permissions) ? records(p.permissions).map(toCanvasPermission) : undefined;
  return {
    appId: str(row.name),
    environmentId: str(record(p.environment).name) || environmentId,
    displayName: str(p.displayName),
    owner: owner ? { id: str(owner.id), displayName: str(owner.displayName), email: strOrNull(owner.email) } : null,
    createdTime: strOrNull(p.createdTime),
    lastModifiedTime: strOrNull(p.lastModifiedTime),
    lastPublishTime: strOrNull(p.lastPublishTime),
    usesPremiumApi: p.usesPremiumApi === true,
    usesCustomApi: p.usesCustomApi === true,
    usesOnPremiseGateway: p.usesOnPremiseGateway === true,
    usesDataverse: Object.keys(record(p.databaseReferences)).some((key) => key.toLowerCase() === 'default.cds'),
    planClassification: strOrNull(p.appPlanClassification),
    connectors: Object.values(connections)
      .map(record)
      .filter((c) => str(c.displayName) !== '')
      .map((c) => ({ name: str(c.displayName), premium: str(c.apiTier).toLowerCase() === 'premium' })),
    sharedUsersCount: num(p.sharedUsersCount, 0),
    sharedGroupsCount: num(p.sharedGroupsCount, 0),
    ...(expanded ? { effectiveRole: highestRole(expanded.map((x) => x.roleName)) } : {}),
  };
}

const RANK: Readonly<Record<string, number>> = { owner: 3, canedit: 2, canviewwithshare: 1, canview: 0 };

/** The highest of the roles (Owner > CanEdit > CanViewWithShare > CanView), or null for none. */
export function highestRole(roles: readonly CanvasRoleName[]): CanvasRoleName | null {
  let best: CanvasRoleName | null = null;
  for (const role of roles) if (best === null || (RANK[role.toLowerCase()] ?? -1) > (RANK[best.toLowerCase()] ?? -1)) best = role;
  return best;
}
