import { isObject } from '../config';
import type { SimAppShare, SimCanvasApp } from '../model';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { assignmentsOf } from './app-view';
import { powerAppsError } from './errors';

const ROLES = new Set<SimAppShare['roleName']>(['CanView', 'CanViewWithShare', 'CanEdit']);
const TYPES = new Set<SimAppShare['type']>(['User', 'Group', 'Tenant']);

/**
 * `POST …/apps/{app}/modifyPermissions` (§15 Set-/Remove-AdminPowerAppRoleAssignment): `put` adds or
 * changes a user's, group's or the tenant's role (the tenant: CanView only), `delete` removes assignments
 * by id. Everything is checked before anything changes. The answer's body is UNVERIFIED (§15): 200 `{}`.
 */
export function modifyPermissions(app: SimCanvasApp, req: SimRequest, ctx: SimContext, assignmentId: (principalId: string) => string): SimResponse {
  const body = isObject(req.body) ? req.body : null;
  if (!body) return powerAppsError(400, 'InvalidRequestContent', 'The request content is not valid: a JSON object with put or delete is expected.');
  const puts = Array.isArray(body.put) ? body.put : [];
  const deletes = Array.isArray(body.delete) ? body.delete : [];
  if (puts.length === 0 && deletes.length === 0) return powerAppsError(400, 'InvalidRequestContent', 'The request content is not valid: put or delete must list at least one permission.');
  const tenantId = ctx.state.fixture.tenant.id.toLowerCase();
  const changes: SimAppShare[] = [];
  for (const [i, entry] of puts.entries()) {
    const properties = isObject(entry) && isObject(entry.properties) ? entry.properties : {};
    const principal = isObject(properties.principal) ? properties.principal : {};
    const roleName = properties.roleName as SimAppShare['roleName'];
    const type = principal.type as SimAppShare['type'];
    if (!ROLES.has(roleName)) return powerAppsError(400, 'InvalidRoleName', `put[${i}]: the role '${String(properties.roleName)}' is not valid; use CanView, CanViewWithShare or CanEdit.`);
    if (!TYPES.has(type)) return powerAppsError(400, 'InvalidPrincipalType', `put[${i}]: the principal type '${String(principal.type)}' is not valid.`);
    const id = type === 'Tenant' ? tenantId : typeof principal.id === 'string' ? principal.id.toLowerCase() : '';
    if (type === 'Tenant' && roleName !== 'CanView') return powerAppsError(400, 'InvalidRoleName', `put[${i}]: an app is shared with everyone as CanView only.`);
    if (type === 'User' && !ctx.state.usersById.get(id)) return powerAppsError(400, 'PrincipalNotFound', `put[${i}]: the user '${id}' was not found in the tenant.`);
    if (type === 'Group' && !ctx.state.groupsById.get(id)) return powerAppsError(400, 'PrincipalNotFound', `put[${i}]: the group '${id}' was not found in the tenant.`);
    if (id === app.ownerId.toLowerCase()) return powerAppsError(400, 'CannotModifyOwner', `put[${i}]: the owner's role can't be changed here; use modifyAppOwner.`);
    changes.push({ principalId: type === 'Tenant' ? ctx.state.fixture.tenant.id : id, type, roleName });
  }
  const removed = new Set<string>();
  for (const [i, entry] of deletes.entries()) {
    const id = isObject(entry) && typeof entry.id === 'string' ? entry.id.toLowerCase() : '';
    const match = app.sharedWith.find((share) => assignmentId(share.principalId).toLowerCase() === id);
    if (!match) {
      const owner = assignmentsOf(app)[0];
      if (owner && assignmentId(owner.principalId).toLowerCase() === id) return powerAppsError(400, 'CannotModifyOwner', `delete[${i}]: the owner's role can't be removed.`);
      return powerAppsError(404, 'PermissionNotFound', `delete[${i}]: no permission with the id '${id}'.`);
    }
    removed.add(match.principalId.toLowerCase());
  }
  app.sharedWith = app.sharedWith.filter((share) => !removed.has(share.principalId.toLowerCase()));
  for (const change of changes) {
    const existing = app.sharedWith.find((share) => share.principalId.toLowerCase() === change.principalId.toLowerCase());
    if (existing) existing.roleName = change.roleName;
    else app.sharedWith.push(change);
  }
  app.lastModifiedTime = new Date(ctx.now()).toISOString();
  return { status: 200, body: {} };
}
