import { ExpiringCache } from './expiring-cache';
import type { DirectoryGroup, Environment, GraphGateway, PowerPlatformGateway, SubscribedSku } from './types';

type Sources = { readonly graph: GraphGateway; readonly powerPlatform: PowerPlatformGateway; now(): number };

/** Tenant-wide data changes rarely; one diagnosis, sync or watch after another reuses it for this long. */
export const TENANT_CACHE_TTL_MS = 60_000;

/**
 * Briefly cached tenant-wide lookups (SKUs, environments, group names), one cache per set of gateways.
 * In-flight requests are shared, so parallel requests ask once. Failures are not cached.
 */
export class TenantCache {
  private readonly cache: ExpiringCache<unknown>;

  constructor(private readonly deps: Sources) {
    this.cache = new ExpiringCache(TENANT_CACHE_TTL_MS, () => deps.now());
  }

  skus(): Promise<SubscribedSku[]> {
    return this.get('skus', () => this.deps.graph.listSubscribedSkus());
  }

  environments(): Promise<Environment[]> {
    return this.get('environments', () => this.deps.powerPlatform.listEnvironments());
  }

  group(id: string): Promise<DirectoryGroup | null> {
    return this.get(`group:${id.toLowerCase()}`, () => this.deps.graph.getGroup(id));
  }

  private get<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(key, load) as Promise<T>;
  }
}

const caches = new WeakMap<object, TenantCache>();

export function tenantCache(deps: Sources): TenantCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new TenantCache(deps);
    caches.set(deps, cache);
  }
  return cache;
}
