import type { SimDirectoryRole, SimGroup, SimServicePrincipal, SimUser } from '../model';
import { effectiveLicences, licenceStates } from './licences';

/** `deletedDateTime` is set on users listed in `/directory/deletedItems` only. */
export type DirectoryObject =
  | { kind: 'user'; user: SimUser; deletedDateTime?: string }
  | { kind: 'group'; group: SimGroup }
  | { kind: 'role'; role: SimDirectoryRole; id: string }
  | { kind: 'servicePrincipal'; sp: SimServicePrincipal };
export type ObjectKind = DirectoryObject['kind'];

type Field = (o: DirectoryObject, domain: string) => unknown;

interface ResourceType {
  odataType: string;
  graphType: string;
  /** Properties returned when there is no $select. */
  defaults: string[];
  filterable: string[];
  searchable: string[];
  /** Every property, read lazily so filters and $select touch only what they name. */
  fields: Record<string, Field>;
}

const mailNickname = (name: string): string => name.replace(/[^A-Za-z0-9]/g, '') || 'group';
const userOf = (o: DirectoryObject): SimUser => (o as Extract<DirectoryObject, { kind: 'user' }>).user;
const groupOf = (o: DirectoryObject): SimGroup => (o as Extract<DirectoryObject, { kind: 'group' }>).group;
const roleOf = (o: DirectoryObject): Extract<DirectoryObject, { kind: 'role' }> => o as Extract<DirectoryObject, { kind: 'role' }>;
const spOf = (o: DirectoryObject): SimServicePrincipal => (o as Extract<DirectoryObject, { kind: 'servicePrincipal' }>).sp;
const always = (value: unknown): Field => () => (Array.isArray(value) ? [...value] : value);
const isM365 = (o: DirectoryObject): boolean => groupOf(o).kind === 'm365';

export const RESOURCE_TYPES: Record<ObjectKind, ResourceType> = {
  user: {
    odataType: '#microsoft.graph.user',
    graphType: 'microsoft.graph.user',
    defaults: ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'],
    filterable: ['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'accountEnabled', 'userType', 'assignedLicenses', 'usageLocation'],
    searchable: ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail'],
    fields: {
      businessPhones: always([]),
      displayName: (o) => userOf(o).displayName,
      givenName: (o) => userOf(o).givenName ?? null,
      jobTitle: always(null),
      mail: (o) => userOf(o).mail ?? null,
      mobilePhone: always(null),
      officeLocation: always(null),
      preferredLanguage: always(null),
      surname: (o) => userOf(o).surname ?? null,
      userPrincipalName: (o) => userOf(o).userPrincipalName,
      id: (o) => userOf(o).id,
      accountEnabled: (o) => userOf(o).accountEnabled,
      userType: (o) => userOf(o).userType,
      deletedDateTime: (o) => (o.kind === 'user' ? (o.deletedDateTime ?? null) : null),
      assignedLicenses: (o) => effectiveLicences(userOf(o)).map((l) => ({ disabledPlans: [...l.disabledPlans], skuId: l.skuId })),
      licenseAssignmentStates: (o) => licenceStates(userOf(o)),
      usageLocation: (o) => (userOf(o).usageLocation === undefined ? 'US' : userOf(o).usageLocation),
      department: always(null),
      companyName: always(null),
      createdDateTime: always(null),
      onPremisesSyncEnabled: always(null),
    },
  },
  group: {
    odataType: '#microsoft.graph.group',
    graphType: 'microsoft.graph.group',
    defaults: ['id', 'deletedDateTime', 'classification', 'createdDateTime', 'description', 'displayName', 'groupTypes', 'mail', 'mailEnabled', 'mailNickname', 'onPremisesSyncEnabled', 'securityEnabled', 'visibility'],
    // assignedLicenses: "Returned only on $select. Supports $filter (eq)" (group resource page), i.e. assignedLicenses/any(x:x/skuId eq {id}).
    filterable: ['id', 'displayName', 'mail', 'mailEnabled', 'mailNickname', 'securityEnabled', 'assignedLicenses'],
    searchable: ['displayName', 'description', 'mail', 'mailNickname'],
    fields: {
      id: (o) => groupOf(o).id,
      deletedDateTime: always(null),
      classification: always(null),
      createdDateTime: always(null),
      description: always(null),
      displayName: (o) => groupOf(o).displayName,
      groupTypes: (o) => (isM365(o) ? ['Unified'] : []),
      mail: (o, domain) => (isM365(o) ? `${mailNickname(groupOf(o).displayName)}@${domain}` : null),
      mailEnabled: isM365,
      mailNickname: (o) => mailNickname(groupOf(o).displayName),
      onPremisesSyncEnabled: always(null),
      securityEnabled: (o) => !isM365(o),
      visibility: (o) => (isM365(o) ? 'Private' : null),
      assignedLicenses: (o) => (groupOf(o).assignedLicenses ?? []).map((l) => ({ disabledPlans: [...(l.disabledPlans ?? [])], skuId: l.skuId })),
    },
  },
  role: {
    odataType: '#microsoft.graph.directoryRole',
    graphType: 'microsoft.graph.directoryRole',
    defaults: ['id', 'deletedDateTime', 'description', 'displayName', 'roleTemplateId'],
    filterable: ['id', 'displayName', 'roleTemplateId'],
    searchable: [],
    fields: {
      id: (o) => roleOf(o).id,
      deletedDateTime: always(null),
      description: always(null),
      displayName: (o) => roleOf(o).role.displayName,
      roleTemplateId: (o) => roleOf(o).role.roleTemplateId,
    },
  },
  // §14; filter capabilities from the servicePrincipal resource page (appId and displayName: eq, startsWith).
  servicePrincipal: {
    odataType: '#microsoft.graph.servicePrincipal',
    graphType: 'microsoft.graph.servicePrincipal',
    defaults: ['id', 'deletedDateTime', 'accountEnabled', 'appDisplayName', 'appId', 'displayName', 'servicePrincipalNames', 'servicePrincipalType', 'tags'],
    filterable: ['id', 'appId', 'displayName', 'accountEnabled', 'servicePrincipalType'],
    searchable: ['displayName'],
    fields: {
      id: (o) => spOf(o).id,
      deletedDateTime: always(null),
      accountEnabled: (o) => spOf(o).accountEnabled,
      appDisplayName: (o) => spOf(o).displayName,
      appId: (o) => spOf(o).appId,
      displayName: (o) => spOf(o).displayName,
      servicePrincipalNames: (o) => [spOf(o).appId],
      servicePrincipalType: (o) => spOf(o).servicePrincipalType ?? 'Application',
      tags: always([]),
    },
  },
};

/** One property of an object, or undefined when its type has no such property. */
export function readProperty(o: DirectoryObject, property: string, domain: string): unknown {
  const field = RESOURCE_TYPES[o.kind].fields[property];
  return field ? field(o, domain) : undefined;
}

export function objectId(o: DirectoryObject): string {
  if (o.kind === 'user') return o.user.id;
  if (o.kind === 'group') return o.group.id;
  return o.kind === 'servicePrincipal' ? o.sp.id : o.id;
}

/** Projects to $select (or the type's default set); unknown-for-this-type properties are left out. */
export function project(o: DirectoryObject, select: string[] | undefined, domain: string, withType: boolean): Record<string, unknown> {
  const type = RESOURCE_TYPES[o.kind];
  const out: Record<string, unknown> = withType ? { '@odata.type': type.odataType } : {};
  for (const key of select ?? type.defaults) {
    const field = type.fields[key];
    if (field) out[key] = field(o, domain);
  }
  if (select && withType && !('id' in out)) out.id = objectId(o);
  return out;
}

/** Every property name a resource type exposes (for $select validation). */
export function knownProperties(kind: ObjectKind): string[] {
  return Object.keys(RESOURCE_TYPES[kind].fields);
}
