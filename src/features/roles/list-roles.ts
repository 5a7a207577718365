import type { Deps } from '../../app/deps';
import type { Answer } from './shared/answer';
import { findEnvironment } from './shared/find-target';
import { copiesOf, readCatalogue, rootRoles, type RoleCatalogue } from './shared/role-catalogue';
import type { ListRolesRequest } from './parse-roles';

export interface RoleRow {
  name: string;
  /** The first line of the role's description, or ''. */
  description: string;
  /** People holding the role directly, in any business unit (each unit's copy counts for its role). */
  people: number;
  /** Teams holding it (owner, access and group teams). */
  teams: number;
  businessUnits: number;
}

export interface RolesView {
  environment: string;
  rows: RoleRow[];
  businessUnits: string[];
}

export type ListOutcome = { kind: 'answer'; answer: Answer } | { kind: 'roles'; view: RolesView };

/**
 * `roles in UAT`: the roles of the root business unit with their holders, counted over every unit's
 * copy. Dataverse requests: the roles in pages of 5,000 with single-level expands of their holders (one
 * more per role held by 5,000 people or more), and the business units: never one request per role.
 */
export async function listRoles(deps: Deps, request: ListRolesRequest): Promise<ListOutcome> {
  const env = await findEnvironment(deps, request.environment, (environment) => `roles in ${environment}`);
  if (!env.ok) return { kind: 'answer', answer: env.answer };
  const catalogue = await readCatalogue(deps, env.value.dataverse.instanceUrl, { withHolders: true });
  return { kind: 'roles', view: { environment: env.value.displayName, rows: rowsOf(catalogue), businessUnits: catalogue.units.map((u) => u.name) } };
}

function rowsOf(catalogue: RoleCatalogue): RoleRow[] {
  return rootRoles(catalogue).map((role) => {
    const copies = copiesOf(catalogue, role.rootRoleId);
    return {
      name: role.name,
      description: firstLine(role.description),
      people: new Set(copies.flatMap((copy) => copy.userIds)).size,
      teams: new Set(copies.flatMap((copy) => copy.teamIds)).size,
      businessUnits: copies.length,
    };
  });
}

function firstLine(text: string | null): string {
  const line = (text ?? '').split(/\r?\n/)[0]?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
