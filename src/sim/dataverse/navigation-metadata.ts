/**
 * Every Dataverse navigation property the simulator serves, with its relationship kind. This table is
 * the one place that decides which navigations exist and how they may be expanded (entity-sets.ts
 * resolves them, query-options.ts applies the rules that depend on the kind).
 *
 * Source: Microsoft's table/entity reference (powerapps-docs `reference/entities/{systemuser,team,role,
 * businessunit}.md`): the Many-To-One relationships give the single-valued property
 * (ReferencingEntityNavigationPropertyName), the One-To-Many ones the collection on the referenced
 * table (ReferencedEntityNavigationPropertyName), the Many-To-Many ones their NavigationPropertyName.
 */
export type RelationshipKind = 'N:1' | '1:N' | 'N:N';

export type EntitySetName = 'systemusers' | 'teams' | 'roles' | 'businessunits' | 'organizations' | 'appmodules';

export interface NavigationProperty {
  kind: RelationshipKind;
  /** Entity set of the related rows. */
  target: EntitySetName;
  /** Relationship SchemaName in the entity reference. */
  relationship: string;
}

const nav = (kind: RelationshipKind, target: EntitySetName, relationship: string): NavigationProperty => ({ kind, target, relationship });

export const NAVIGATION_METADATA = {
  systemusers: {
    businessunitid: nav('N:1', 'businessunits', 'business_unit_system_users'),
    systemuserroles_association: nav('N:N', 'roles', 'systemuserroles_association'),
    teammembership_association: nav('N:N', 'teams', 'teammembership_association'),
  },
  teams: {
    businessunitid: nav('N:1', 'businessunits', 'business_unit_teams'),
    teamroles_association: nav('N:N', 'roles', 'teamroles_association'),
    teammembership_association: nav('N:N', 'systemusers', 'teammembership_association'),
  },
  roles: {
    businessunitid: nav('N:1', 'businessunits', 'business_unit_roles'),
    parentroleid: nav('N:1', 'roles', 'role_parent_role'),
    parentrootroleid: nav('N:1', 'roles', 'role_parent_root_role'),
    systemuserroles_association: nav('N:N', 'systemusers', 'systemuserroles_association'),
    teamroles_association: nav('N:N', 'teams', 'teamroles_association'),
    appmoduleroles_association: nav('N:N', 'appmodules', 'appmoduleroles_association'),
  },
  businessunits: {
    parentbusinessunitid: nav('N:1', 'businessunits', 'business_unit_parent_business_unit'),
    business_unit_parent_business_unit: nav('1:N', 'businessunits', 'business_unit_parent_business_unit'),
    business_unit_system_users: nav('1:N', 'systemusers', 'business_unit_system_users'),
    business_unit_teams: nav('1:N', 'teams', 'business_unit_teams'),
    business_unit_roles: nav('1:N', 'roles', 'business_unit_roles'),
  },
  /** The organization row (one per environment): read for its settings, with no navigation the bot uses. */
  organizations: {},
  /** Model-driven apps (§16, `appmodule.md`): the roles whose holders see the app. */
  appmodules: {
    appmoduleroles_association: nav('N:N', 'roles', 'appmoduleroles_association'),
  },
} as const satisfies Record<EntitySetName, Record<string, NavigationProperty>>;

export type NavigationName<S extends EntitySetName> = keyof (typeof NAVIGATION_METADATA)[S];

/** Single-valued (a lookup) rather than a collection. */
export function isSingleValued(navigation: NavigationProperty): boolean {
  return navigation.kind === 'N:1';
}
