import type { SimUser } from '../model';
import type { SimContext, SimRequest, SimResponse, TenantState } from '../types';
import { resourceNotFound, unsupportedQuery } from './errors';
import { listCollection } from './list';
import type { DirectoryObject } from './resources';
import { entity } from './users';

const DAY_MS = 86_400_000;
/** Microsoft: "Deleted items remain available to restore for up to 30 days" (§13). */
export const DEFAULT_DELETED_USER_RETENTION_DAYS = 30;
/** A fixture's deleted user without `deletedDaysAgo` was deleted this long before the simulator's now. */
const DEFAULT_DELETED_DAYS_AGO = 1;

/** Per loaded state (a reset makes a new one): the simulator clock's time when deleted users were first read. */
const anchors = new WeakMap<TenantState, number>();

function anchor(ctx: SimContext): number {
  let at = anchors.get(ctx.state);
  if (at === undefined) anchors.set(ctx.state, (at = ctx.now()));
  return at;
}

/**
 * The soft-deleted users Entra still keeps, as `GET /directory/deletedItems/microsoft.graph.user` shows
 * them (§13). `deletedDateTime` is the fixture's `deletedDaysAgo` counted back from the simulator clock's
 * time when deleted users were first read after start or reset, so the demo opens the same number of days
 * from the 30-day limit; from then on the deletion ages with the clock. Users deleted longer ago than the
 * retention window are purged: gone from here as from `/users`. The UPN Entra shows for a deleted user
 * carries the object id (without hyphens) in front of the original (UNVERIFIED, §13).
 */
export function deletedUsers(ctx: SimContext): DirectoryObject[] {
  const now = ctx.now();
  const start = anchor(ctx);
  const retentionMs = (ctx.config.unverified.deletedUserRetentionDays ?? DEFAULT_DELETED_USER_RETENTION_DAYS) * DAY_MS;
  const prefixed = ctx.config.unverified.deletedUserUpnPrefixed ?? true;
  const out: DirectoryObject[] = [];
  for (const user of ctx.state.fixture.users) {
    if (!user.deleted) continue;
    const deletedAt = start - (user.deletedDaysAgo ?? DEFAULT_DELETED_DAYS_AGO) * DAY_MS;
    if (now - deletedAt > retentionMs) continue;
    const view: SimUser = prefixed ? { ...user, userPrincipalName: `${user.id.replace(/-/g, '')}${user.userPrincipalName}` } : user;
    out.push({ kind: 'user', user: view, deletedDateTime: new Date(deletedAt).toISOString().replace(/\.\d{3}Z$/, 'Z') });
  }
  return out;
}

/** `GET /directory/deletedItems`: the cast is a required part of the URL (§13); Graph's answer without it. */
export function deletedItemsWithoutCast(req: SimRequest): SimResponse {
  return unsupportedQuery(req, 'Searches against this resource are not supported. Only specific instances can be queried.');
}

/** `GET /directory/deletedItems/microsoft.graph.user`: $filter, $select, $top (≤ 999), $count/$search with ConsistencyLevel, paging. */
export function listDeletedUsers(req: SimRequest, ctx: SimContext): SimResponse {
  return listCollection(req, ctx, deletedUsers(ctx), { contextPath: 'directory/deletedItems/microsoft.graph.user', kinds: ['user'], withType: false, filterIsAdvancedQuery: false, pageable: true });
}

/**
 * `GET /directory/deletedItems/{id}`: one deleted object, with its `@odata.type`. Only users are modelled as
 * deleted items, so another cast in this position (`microsoft.graph.group`, …) is refused loudly.
 */
export function getDeletedItem(req: SimRequest, ctx: SimContext, id: string): SimResponse {
  if (id.toLowerCase().startsWith('microsoft.graph.')) return unsupportedQuery(req, `The simulated tenant models deleted users only, not '${id}'.`);
  const found = deletedUsers(ctx).find((o) => o.kind === 'user' && o.user.id.toLowerCase() === id.toLowerCase());
  if (!found) return resourceNotFound(req, id);
  const response = entity(req, ctx, found, 'directoryObjects');
  if (response.status !== 200 || typeof response.body !== 'object' || response.body === null) return response;
  const { '@odata.context': context, ...rest } = response.body as Record<string, unknown>;
  return { ...response, body: { '@odata.context': context, '@odata.type': '#microsoft.graph.user', ...rest } };
}
