import type { Deps } from '../../app/deps';
import type { DirectoryGroup, Environment, SubscribedSku } from '../../gateways/types';

/** Tenant-wide data changes rarely; one diagnosis after another reuses it for this long. */
export const TENANT_CACHE_TTL_MS = 60_000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

/**
 * Briefly cached tenant-wide lookups (SKUs, environments, security-group names), one cache per Deps.
 * In-flight requests are shared, so parallel diagnoses ask once. Failures are not cached.
 */
export class TenantCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(private readonly deps: Pick<Deps, 'graph' | 'powerPlatform' | 'now'>) {}

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
    const now = this.deps.now();
    const hit = this.entries.get(key) as Entry<T> | undefined;
    if (hit && now - hit.at < TENANT_CACHE_TTL_MS) return hit.value;
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

const caches = new WeakMap<object, TenantCache>();

export function tenantCache(deps: Pick<Deps, 'graph' | 'powerPlatform' | 'now'>): TenantCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new TenantCache(deps);
    caches.set(deps, cache);
  }
  return cache;
}
