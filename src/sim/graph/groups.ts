import { findGroup } from '../state';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { resourceNotFound } from './errors';
import { listCollection } from './list';
import type { DirectoryObject } from './resources';
import { entity } from './users';

export function listGroups(req: SimRequest, ctx: SimContext): SimResponse {
  const items: DirectoryObject[] = ctx.state.fixture.groups.map((group) => ({ kind: 'group', group }));
  return listCollection(req, ctx, items, { contextPath: 'groups', kinds: ['group'], withType: false, filterIsAdvancedQuery: false, pageable: true });
}

export function getGroup(req: SimRequest, ctx: SimContext, id: string): SimResponse {
  const group = findGroup(ctx.state, id);
  return group ? entity(req, ctx, { kind: 'group', group }, 'groups') : resourceNotFound(req, id);
}
