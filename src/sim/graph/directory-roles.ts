import type { SimContext, SimRequest, SimResponse } from '../types';
import { resourceNotFound } from './errors';
import { findRole, liveObjects, roleObject } from './directory';
import { listCollection } from './list';
import { entity } from './users';

export function listDirectoryRoles(req: SimRequest, ctx: SimContext): SimResponse {
  const items = ctx.state.fixture.directoryRoles.map((r) => roleObject(ctx.state, r));
  return listCollection(req, ctx, items, { contextPath: 'directoryRoles', kinds: ['role'], withType: false, filterIsAdvancedQuery: false, pageable: false });
}

export function getDirectoryRole(req: SimRequest, ctx: SimContext, key: { id?: string; templateId?: string }): SimResponse {
  const role = findRole(ctx.state, key);
  return role ? entity(req, ctx, roleObject(ctx.state, role), 'directoryRoles') : resourceNotFound(req, key.id ?? key.templateId ?? '');
}

/** Role members: up to 1,000, no paging (documented for directoryRoles members). */
export function listRoleMembers(req: SimRequest, ctx: SimContext, key: { id?: string; templateId?: string }): SimResponse {
  const role = findRole(ctx.state, key);
  if (!role) return resourceNotFound(req, key.id ?? key.templateId ?? '');
  return listCollection(req, ctx, liveObjects(ctx.state, role.memberIds), { contextPath: 'directoryObjects', kinds: ['user'], withType: true, filterIsAdvancedQuery: true, pageable: false });
}
