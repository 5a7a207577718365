import { directParentGroups, transitiveParentGroups } from '../state';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { resourceNotFound } from './errors';
import { directoryObject, roleObject, rolesOfUser } from './directory';
import { listCollection } from './list';
import type { DirectoryObject } from './resources';

/** /users/{id}/memberOf and /transitiveMemberOf: groups plus directory roles (roles are assigned directly in the fixture). */
export function listMemberOf(req: SimRequest, ctx: SimContext, userId: string, transitive: boolean): SimResponse {
  const found = directoryObject(ctx.state, userId);
  if (!found || (found.kind !== 'user' && found.kind !== 'group')) return resourceNotFound(req, userId);
  const id = found.kind === 'user' ? found.user.id : found.group.id;
  const groups = transitive ? transitiveParentGroups(ctx.state, id) : directParentGroups(ctx.state, id);
  const items: DirectoryObject[] = groups.map((group) => ({ kind: 'group', group }));
  if (found.kind === 'user') for (const role of rolesOfUser(ctx.state, id)) items.push(roleObject(ctx.state, role));
  return listCollection(req, ctx, items, { contextPath: 'directoryObjects', kinds: ['group', 'role'], withType: true, filterIsAdvancedQuery: true, pageable: true });
}
