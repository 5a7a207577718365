import type { SimDirectoryRole, SimGroup, SimUser } from '../model';

export type DirectoryObject = { kind: 'user'; user: SimUser } | { kind: 'group'; group: SimGroup } | { kind: 'role'; role: SimDirectoryRole; id: string };
export type ObjectKind = DirectoryObject['kind'];

interface ResourceType {
  odataType: string;
  graphType: string;
  /** Properties returned when there is no $select. */
  defaults: string[];
  filterable: string[];
  searchable: string[];
  serialize(o: DirectoryObject, domain: string): Record<string, unknown>;
}

const mailNickname = (name: string): string => name.replace(/[^A-Za-z0-9]/g, '') || 'group';

export const RESOURCE_TYPES: Record<ObjectKind, ResourceType> = {
  user: {
    odataType: '#microsoft.graph.user',
    graphType: 'microsoft.graph.user',
    defaults: ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'],
    filterable: ['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'accountEnabled', 'userType'],
    searchable: ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail'],
    serialize(o) {
      const u = (o as Extract<DirectoryObject, { kind: 'user' }>).user;
      return {
        businessPhones: [],
        displayName: u.displayName,
        givenName: u.givenName ?? null,
        jobTitle: null,
        mail: u.mail ?? null,
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: null,
        surname: u.surname ?? null,
        userPrincipalName: u.userPrincipalName,
        id: u.id,
        accountEnabled: u.accountEnabled,
        userType: u.userType,
        assignedLicenses: u.licenses.map((l) => ({ disabledPlans: [...(l.disabledPlans ?? [])], skuId: l.skuId })),
        department: null,
        companyName: null,
        createdDateTime: null,
        onPremisesSyncEnabled: null,
      };
    },
  },
  group: {
    odataType: '#microsoft.graph.group',
    graphType: 'microsoft.graph.group',
    defaults: ['id', 'deletedDateTime', 'classification', 'createdDateTime', 'description', 'displayName', 'groupTypes', 'mail', 'mailEnabled', 'mailNickname', 'onPremisesSyncEnabled', 'securityEnabled', 'visibility'],
    filterable: ['id', 'displayName', 'mail', 'mailEnabled', 'mailNickname', 'securityEnabled'],
    searchable: ['displayName', 'description', 'mail', 'mailNickname'],
    serialize(o, domain) {
      const g = (o as Extract<DirectoryObject, { kind: 'group' }>).group;
      const m365 = g.kind === 'm365';
      const nick = mailNickname(g.displayName);
      return {
        id: g.id,
        deletedDateTime: null,
        classification: null,
        createdDateTime: null,
        description: null,
        displayName: g.displayName,
        groupTypes: m365 ? ['Unified'] : [],
        mail: m365 ? `${nick}@${domain}` : null,
        mailEnabled: m365,
        mailNickname: nick,
        onPremisesSyncEnabled: null,
        securityEnabled: !m365,
        visibility: m365 ? 'Private' : null,
      };
    },
  },
  role: {
    odataType: '#microsoft.graph.directoryRole',
    graphType: 'microsoft.graph.directoryRole',
    defaults: ['id', 'deletedDateTime', 'description', 'displayName', 'roleTemplateId'],
    filterable: ['id', 'displayName', 'roleTemplateId'],
    searchable: [],
    serialize(o) {
      const r = o as Extract<DirectoryObject, { kind: 'role' }>;
      return { id: r.id, deletedDateTime: null, description: null, displayName: r.role.displayName, roleTemplateId: r.role.roleTemplateId };
    },
  },
};

export function objectId(o: DirectoryObject): string {
  return o.kind === 'user' ? o.user.id : o.kind === 'group' ? o.group.id : o.id;
}

/** Projects to $select (or the type's default set); unknown-for-this-type properties are left out. */
export function project(o: DirectoryObject, select: string[] | undefined, domain: string, withType: boolean): Record<string, unknown> {
  const type = RESOURCE_TYPES[o.kind];
  const full = type.serialize(o, domain);
  const out: Record<string, unknown> = withType ? { '@odata.type': type.odataType } : {};
  const wanted = select ?? type.defaults;
  for (const key of wanted) if (key in full) out[key] = full[key];
  if (select && !('id' in out) && withType) out.id = full.id;
  return out;
}

/** Every property name a resource type exposes (for $select validation). */
export function knownProperties(kind: ObjectKind): string[] {
  return Object.keys(RESOURCE_TYPES[kind].serialize(sampleOf(kind), 'x'));
}

function sampleOf(kind: ObjectKind): DirectoryObject {
  if (kind === 'user') return { kind, user: { id: '', displayName: '', userPrincipalName: '', accountEnabled: true, userType: 'Member', licenses: [] } };
  if (kind === 'group') return { kind, group: { id: '', displayName: '', kind: 'security', members: [], owners: [] } };
  return { kind, id: '', role: { roleTemplateId: '', displayName: '', memberIds: [] } };
}
