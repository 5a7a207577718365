import { membershipSeq } from '../state';
import type { TenantState } from '../types';
import type { DirectoryObject } from './resources';

/**
 * The resolved objects of a directory collection (a group's members, the tenant's users), kept between
 * the pages of one listing. Resolving every id again for each page made paging a 200,000-member group
 * quadratic (200 pages × 200,000 lookups). A list is reused only while what it was built from is
 * unchanged: the membership change counter (every add and remove goes through src/sim/state.ts), the
 * source array (same array, same length) and the number of users and groups. Users' `deleted` flag is
 * fixed at load time (nothing in the simulator changes it), and /_sim/reset builds a new TenantState,
 * so a reset starts with an empty cache.
 */
interface CachedListing {
  source: readonly unknown[];
  length: number;
  seq: number;
  users: number;
  groups: number;
  items: DirectoryObject[];
}

/** A handful of listings per tenant: a sync pages through two or three groups at a time. */
const MAX_LISTINGS = 8;
const caches = new WeakMap<TenantState, Map<string, CachedListing>>();

/** `build()`'s result for `key`, reused while `source` and the tenant's membership are unchanged. Callers must not mutate it. */
export function cachedListing(state: TenantState, key: string, source: readonly unknown[], build: () => DirectoryObject[]): DirectoryObject[] {
  let cache = caches.get(state);
  if (!cache) caches.set(state, (cache = new Map()));
  const stamp = { source, length: source.length, seq: membershipSeq(state), users: state.usersById.size, groups: state.groupsById.size };
  const hit = cache.get(key);
  if (hit && hit.source === stamp.source && hit.length === stamp.length && hit.seq === stamp.seq && hit.users === stamp.users && hit.groups === stamp.groups) {
    return hit.items;
  }
  const items = build();
  cache.delete(key);
  cache.set(key, { ...stamp, items });
  if (cache.size > MAX_LISTINGS) cache.delete(cache.keys().next().value as string);
  return items;
}
