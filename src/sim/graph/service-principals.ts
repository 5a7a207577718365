import type { SimContext, SimRequest, SimResponse } from '../types';
import { resourceNotFound } from './errors';
import { listCollection } from './list';
import type { DirectoryObject } from './resources';
import { entity } from './users';

/** A key segment of `/servicePrincipals/{id}`, or of the alternate key `/servicePrincipals(appId='{appId}')` (§14). */
export type ServicePrincipalKey = { id: string } | { appId: string };

const APP_ID_KEY = 'appId=';

export const servicePrincipalKey = (segment: string): ServicePrincipalKey =>
  segment.startsWith(APP_ID_KEY) ? { appId: segment.slice(APP_ID_KEY.length) } : { id: segment };

/** The segment `servicePrincipals(appId='x')` is split into by the router. */
export const appIdSegment = (appId: string): string => `${APP_ID_KEY}${appId}`;

function servicePrincipals(ctx: SimContext): DirectoryObject[] {
  return (ctx.state.fixture.servicePrincipals ?? []).map((sp) => ({ kind: 'servicePrincipal', sp }));
}

/** `GET /servicePrincipals`: `$filter` (e.g. `appId eq '…'`, `startswith(displayName,'…')`), `$select`, `$top`, paging (§14). */
export function listServicePrincipals(req: SimRequest, ctx: SimContext): SimResponse {
  return listCollection(req, ctx, servicePrincipals(ctx), { contextPath: 'servicePrincipals', kinds: ['servicePrincipal'], withType: false, filterIsAdvancedQuery: false, pageable: true });
}

/** `GET /servicePrincipals/{id}` (object id) or `/servicePrincipals(appId='{appId}')`; unknown → 404 Request_ResourceNotFound. */
export function getServicePrincipal(req: SimRequest, ctx: SimContext, key: ServicePrincipalKey): SimResponse {
  const wanted = ('appId' in key ? key.appId : key.id).toLowerCase();
  const found = servicePrincipals(ctx).find((o) => o.kind === 'servicePrincipal' && ('appId' in key ? o.sp.appId : o.sp.id).toLowerCase() === wanted);
  return found ? entity(req, ctx, found, 'servicePrincipals') : resourceNotFound(req, 'appId' in key ? key.appId : key.id);
}
