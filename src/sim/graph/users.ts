import type { SimContext, SimRequest, SimResponse } from '../types';
import { accessDenied, fromQueryError, resourceNotFound } from './errors';
import { listCollection, parseSelect } from './list';
import { type DirectoryObject, project } from './resources';
import { directoryObject } from './directory';
import { cachedListing } from './listing-cache';

export function listUsers(req: SimRequest, ctx: SimContext): SimResponse {
  const users = ctx.state.fixture.users;
  const items = cachedListing(ctx.state, 'users', users, () => users.filter((user) => !user.deleted).map((user): DirectoryObject => ({ kind: 'user', user })));
  return listCollection(req, ctx, items, { contextPath: 'users', kinds: ['user'], withType: false, filterIsAdvancedQuery: false, pageable: true });
}

export function getUser(req: SimRequest, ctx: SimContext, id: string): SimResponse {
  const found = directoryObject(ctx.state, id);
  if (!found || found.kind !== 'user') return resourceNotFound(req, id);
  return entity(req, ctx, found, 'users');
}

export function entity(req: SimRequest, ctx: SimContext, o: DirectoryObject, set: string): SimResponse {
  try {
    const select = parseSelect(req, [o.kind]);
    const body = project(o, select, ctx.state.fixture.tenant.defaultDomain, false);
    return { status: 200, body: { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${set}${select ? `(${select.join(',')})` : ''}/$entity`, ...body } };
  } catch (err) {
    return fromQueryError(req, err);
  }
}

/** licenseDetails is delegated-only; every simulator token is app-only (UNVERIFIED status 403). */
export function licenseDetails(req: SimRequest): SimResponse {
  return accessDenied(req);
}
