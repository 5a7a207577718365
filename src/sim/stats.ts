import type { Surface } from './types';

export type ApiSurface = 'graph' | 'bap' | 'powerApps' | 'dataverse';
const API_SURFACES: ApiSurface[] = ['graph', 'bap', 'powerApps', 'dataverse'];

export interface SimStats {
  /** Requests received per surface (throttled ones included; $batch sub-requests counted one by one). */
  requests: Record<Surface, number>;
  /** `"GET /v1.0/users/{id}"`-style route templates per surface. */
  routes: Record<Surface, Record<string, number>>;
  /** Dataverse HTTP requests per organization (lower-case org name; a `$batch` counts once here). */
  dataverseByOrg: Record<string, number>;
  throttled429: Record<ApiSurface, number>;
  unavailable503: Record<ApiSurface, number>;
  peakConcurrency: Record<ApiSurface, number>;
  inFlight: Record<ApiSurface, number>;
  /** W3C trace context received: requests that carried a `traceparent` header, and the latest values (oldest first). */
  traceContext: Record<ApiSurface, { withTraceparent: number; recent: string[] }>;
}

/** `traceparent` values kept per surface (the newest). */
export const RECENT_TRACEPARENTS = 100;

const perSurface = <T>(make: () => T): Record<Surface, T> => ({
  graph: make(),
  bap: make(),
  powerApps: make(),
  dataverse: make(),
  token: make(),
  control: make(),
});
const perApi = (): Record<ApiSurface, number> => ({ graph: 0, bap: 0, powerApps: 0, dataverse: 0 });

export class StatsRecorder {
  private data = this.empty();

  count(surface: Surface, method: string, path: string): void {
    this.data.requests[surface] += 1;
    const key = `${method} ${routeTemplate(path)}`;
    const routes = this.data.routes[surface];
    routes[key] = (routes[key] ?? 0) + 1;
  }

  countOrg(org: string): void {
    const key = org.toLowerCase();
    this.data.dataverseByOrg[key] = (this.data.dataverseByOrg[key] ?? 0) + 1;
  }

  /** Records the `traceparent` a request carried (verbatim, cut at 128 characters), if any. */
  traceparent(surface: ApiSurface, value: string | undefined): void {
    if (value === undefined) return;
    const received = this.data.traceContext[surface];
    received.withTraceparent += 1;
    received.recent.push(value.slice(0, 128));
    if (received.recent.length > RECENT_TRACEPARENTS) received.recent.shift();
  }

  rejected(surface: ApiSurface, status: 429 | 503): void {
    if (status === 429) this.data.throttled429[surface] += 1;
    else this.data.unavailable503[surface] += 1;
  }

  snapshot(live: Record<ApiSurface, { inFlight: number; peak: number }>): SimStats {
    const copy = structuredClone(this.data);
    for (const s of API_SURFACES) {
      copy.inFlight[s] = live[s].inFlight;
      copy.peakConcurrency[s] = live[s].peak;
    }
    return copy;
  }

  clear(): void {
    this.data = this.empty();
  }

  private empty(): SimStats {
    return {
      requests: perSurface(() => 0),
      routes: perSurface(() => ({})),
      dataverseByOrg: {},
      throttled429: perApi(),
      unavailable503: perApi(),
      peakConcurrency: perApi(),
      inFlight: perApi(),
      traceContext: { graph: { withTraceparent: 0, recent: [] }, bap: { withTraceparent: 0, recent: [] }, powerApps: { withTraceparent: 0, recent: [] }, dataverse: { withTraceparent: 0, recent: [] } },
    };
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Replaces ids in a path with placeholders: GUIDs and UPNs → {id}, `entity(key)` → `entity({key})`. */
export function routeTemplate(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      const decoded = safeDecode(segment);
      if (GUID.test(decoded) || decoded.includes('@') || /^Default-/i.test(decoded)) return '{id}';
      return decoded.replace(/\(([^)]*)\)$/, (_m, inner: string) => (inner === '' ? '()' : '({key})'));
    })
    .join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
