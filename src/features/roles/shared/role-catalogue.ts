import type { Deps } from '../../../app/deps';
import { inert } from '../../../app/text';
import { resolveNamed } from '../../../domain/resolve/resolve-named';
import type { BusinessUnit, RoleWithHolders } from '../../../gateways/types';
import { answer } from './answer';
import type { Found } from './find-target';

/** An environment's roles (every business unit's copy) and business units, read once per request. */
export interface RoleCatalogue {
  roles: RoleWithHolders[];
  units: BusinessUnit[];
  root: BusinessUnit;
}

/** Two requests (roles in pages, business units); holders come from single-level expands when asked. */
export async function readCatalogue(deps: Pick<Deps, 'dataverse'>, instanceUrl: string, options: { withHolders?: boolean } = {}): Promise<RoleCatalogue> {
  const [roles, units] = await Promise.all([deps.dataverse.listRoles(instanceUrl, { withHolders: options.withHolders === true }), deps.dataverse.listBusinessUnits(instanceUrl)]);
  const root = units.find((unit) => unit.parentId === null);
  if (!root) throw new Error('Dataverse answered without a root business unit');
  return { roles, units, root };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The roles of the root business unit: one per name people see in the admin center. */
export function rootRoles(catalogue: RoleCatalogue): RoleWithHolders[] {
  return catalogue.roles.filter((role) => same(role.businessUnitId, catalogue.root.businessUnitId)).sort((a, b) => a.name.localeCompare(b.name));
}

/** The copy of a root role that a principal of `businessUnitId` can hold (§9.2: the same name has an id per unit). */
export function copyIn(catalogue: RoleCatalogue, rootRoleId: string, businessUnitId: string): RoleWithHolders | undefined {
  return catalogue.roles.find((role) => same(role.rootRoleId, rootRoleId) && same(role.businessUnitId, businessUnitId));
}

/** Every copy of a root role (the root role itself included). */
export function copiesOf(catalogue: RoleCatalogue, rootRoleId: string): RoleWithHolders[] {
  return catalogue.roles.filter((role) => same(role.rootRoleId, rootRoleId));
}

export function unitName(catalogue: RoleCatalogue, businessUnitId: string): string {
  return catalogue.units.find((unit) => same(unit.businessUnitId, businessUnitId))?.name ?? businessUnitId;
}

/** A role by name among the root roles, as every name resolves: exact, prefix, a choice, or suggestions. */
export function findRole(catalogue: RoleCatalogue, typed: string, environment: string, command: (role: string) => string): Found<RoleWithHolders> {
  const resolution = resolveNamed(typed, rootRoles(catalogue), (role) => role.name);
  if (resolution.kind === 'found') return { ok: true, value: resolution.value };
  if (resolution.kind === 'ambiguous') {
    return { ok: false, answer: answer(`Several security roles in ${environment} match "${inert(typed)}". Which one?`, resolution.candidates.map((r) => ({ title: r.name, command: command(r.name) }))) };
  }
  const near = resolution.suggestions;
  return {
    ok: false,
    answer: answer(`${environment} has no security role called "${inert(typed)}".${near.length > 0 ? ' Did you mean:' : ` Type **roles in ${environment}** to see them.`}`, near.map((r) => ({ title: r.name, command: command(r.name) }))),
  };
}

/** A business unit by name. */
export function findUnit(catalogue: RoleCatalogue, typed: string, environment: string, command: (unit: string) => string): Found<BusinessUnit> {
  const resolution = resolveNamed(typed, catalogue.units, (unit) => unit.name);
  if (resolution.kind === 'found') return { ok: true, value: resolution.value };
  const units = resolution.kind === 'ambiguous' ? resolution.candidates : resolution.suggestions;
  const lead = resolution.kind === 'ambiguous'
    ? `Several business units in ${environment} match "${inert(typed)}". Which one?`
    : `${environment} has no business unit called "${inert(typed)}". Its business units: ${catalogue.units.map((u) => u.name).join(', ')}.`;
  return { ok: false, answer: answer(lead, units.map((u) => ({ title: u.name, command: command(u.name) }))) };
}
