import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth/require-token';
import { issueToken } from './auth/token-endpoint';
import { realClock, type SimClock } from './clock';
import { mergeSimConfig } from './config';
import { handleControl } from './control';
import type { GraphContext } from './graph/context';
import { handleGraph } from './graph';
import { lowerCaseHeaders, mediaTypeOf, parseJsonBody, readBody, writeResponse } from './http-io';
import { jitteredLatency, SurfaceLimiter } from './limiter';
import type { TenantFixture } from './model';
import { createPrng } from './prng';
import { createTenantState } from './state';
import { type ApiSurface, type SimStats, StatsRecorder } from './stats';
import { apiError, throttledResponse, unavailableResponse } from './surface-errors';
import { handleBap } from './bap';
import { handleDataverse } from './dataverse';
import { handlePowerApps } from './powerapps';
import { withServiceRequestId } from './service-request-id';
import type { SimConfig, SimRequest, SimResponse, SurfaceHandler, TenantState } from './types';

const API_SURFACES: ApiSurface[] = ['graph', 'bap', 'powerApps', 'dataverse'];
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

/** Everything behind the HTTP listener: state, config, admission control, stats, scheduled work. */
export class SimulatorCore {
  state: TenantState;
  config: SimConfig;
  origin = '';
  private readonly stats = new StatsRecorder();
  private limiters!: Record<ApiSurface, SurfaceLimiter>;
  private latencyRandom!: () => number;
  private readonly pending = new Set<() => void>();

  constructor(
    private readonly fixture: TenantFixture,
    config: SimConfig,
    private readonly clock: SimClock = realClock,
  ) {
    this.config = config;
    this.state = createTenantState(structuredClone(fixture));
    this.seed();
  }

  /** Applies a partial config; throws with every problem listed, changing nothing, when invalid. */
  setConfig(patch: unknown): void {
    const { config, errors } = mergeSimConfig(this.config, patch);
    if (errors.length > 0) throw new ConfigError(errors);
    const reseed = config.seed !== this.config.seed;
    this.config = config;
    if (reseed) this.seed();
    else for (const s of API_SURFACES) this.limiters[s].resetBucket();
  }

  reset(): void {
    this.cancelScheduled();
    this.state = createTenantState(structuredClone(this.fixture));
  }

  snapshotStats(): SimStats {
    const live = Object.fromEntries(API_SURFACES.map((s) => [s, { inFlight: this.limiters[s].inFlight, peak: this.limiters[s].peak }]));
    return this.stats.snapshot(live as Record<ApiSurface, { inFlight: number; peak: number }>);
  }

  clearStats(): void {
    this.stats.clear();
    for (const s of API_SURFACES) this.limiters[s].peak = this.limiters[s].inFlight;
  }

  cancelScheduled(): void {
    for (const cancel of this.pending) cancel();
    this.pending.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let response: SimResponse;
    try {
      response = await this.route(req);
    } catch (err) {
      process.stderr.write(`simulator: unhandled error on ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}\n`);
      response = { status: 500, body: { error: { code: 'InternalServerError', message: 'The simulator failed to process the request.' } } };
    }
    if (!res.headersSent) writeResponse(res, response);
  }

  private async route(req: IncomingMessage): Promise<SimResponse> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const raw = await readBody(req);
    if (path.startsWith('/_sim/')) {
      this.stats.count('control', method, path);
      return handleControl(this, method, path.slice('/_sim'.length), parseJsonBody(raw));
    }
    const token = TOKEN_PATH.exec(path);
    if (token) {
      this.stats.count('token', method, '/{tenant}/oauth2/v2.0/token');
      if (method !== 'POST') return { status: 405, headers: { allow: 'POST' } };
      return issueToken(this.state, decodeURIComponent(token[1] as string), raw ?? '', Date.now());
    }
    const headers = lowerCaseHeaders(req);
    if (path === '/graph' || path.startsWith('/graph/')) return this.api('graph', method, path.slice('/graph'.length), url, headers, raw);
    if (path === '/bap' || path.startsWith('/bap/')) return this.api('bap', method, path.slice('/bap'.length), url, headers, raw);
    if (path === '/powerapps' || path.startsWith('/powerapps/')) return this.api('powerApps', method, path.slice('/powerapps'.length), url, headers, raw);
    const dv = /^\/dataverse\/([^/]+)(\/.*)?$/.exec(path);
    if (dv) return withServiceRequestId(await this.api('dataverse', method, dv[2] ?? '/', url, headers, raw, decodeURIComponent(dv[1] as string)));
    return { status: 404, body: { error: { code: 'NotFound', message: `No simulated service at '${path}'.` } } };
  }

  private async api(surface: ApiSurface, method: string, path: string, url: URL, headers: Record<string, string>, raw: string | undefined, org?: string): Promise<SimResponse> {
    this.stats.count(surface, method, org ? `/{org}${path}` : path);
    if (org !== undefined) this.stats.countOrg(org);
    this.stats.traceparent(surface, headers.traceparent);
    const clientRequestId = headers['client-request-id'];
    if (surface === 'dataverse' && !this.state.environmentsByOrg.has((org ?? '').toLowerCase())) {
      return { status: 404, body: { error: { code: '0x80040217', message: `No Dataverse organization '${org}' in this tenant.` } } };
    }
    const auth = authenticate(headers.authorization, {
      surface,
      tenantId: this.state.fixture.tenant.id,
      origin: this.origin,
      clientRequestId,
      dataverseAudiences: org ? [`${this.origin}/dataverse/${org}`, `http://${headers.host ?? ''}/dataverse/${org}`] : undefined,
      clockSkewSeconds: this.config.tokenClockSkewSeconds,
    }, Date.now());
    if ('reject' in auth) return auth.reject;
    const limits = this.config[surface];
    const limiter = this.limiters[surface];
    const admission = limiter.admit(limits, this.clock.now(), { holdsSlot: true });
    if (!admission.ok) {
      this.stats.rejected(surface, admission.status);
      return admission.status === 429 ? throttledResponse(surface, admission.reason, limits, clientRequestId) : unavailableResponse(surface, limits, clientRequestId);
    }
    try {
      const media = mediaTypeOf(headers['content-type']);
      // a Dataverse $batch is multipart, not JSON (§3 batch); the surface answers it itself
      const body = surface === 'dataverse' && media === 'multipart/mixed' ? { value: undefined } : parseJsonBody(raw);
      if ('error' in body) return apiError(surface, 400, surface === 'dataverse' ? '0x80040333' : 'BadRequest', `Invalid JSON in request body: ${body.error}`, clientRequestId);
      if (body.value !== undefined && media !== 'application/json') return wrongContentType(surface, headers['content-type'], this.config, clientRequestId);
      const latency = jitteredLatency(limits, this.latencyRandom);
      if (latency > 0) await this.clock.delay(latency);
      const simReq: SimRequest = { method, path, query: url.searchParams, headers, body: body.value, token: auth.claims, org, ...(media === 'multipart/mixed' ? { rawBody: raw ?? '' } : {}) };
      const response = await this.handlerFor(surface)(simReq, this.context(surface));
      return surface === 'graph' ? withGraphIds(response, clientRequestId) : response;
    } finally {
      limiter.release();
    }
  }

  private handlerFor(surface: ApiSurface): SurfaceHandler {
    if (surface === 'graph') return (req, ctx) => handleGraph(req, ctx as GraphContext);
    return surface === 'bap' ? handleBap : surface === 'powerApps' ? handlePowerApps : handleDataverse;
  }

  private context(surface: ApiSurface): GraphContext {
    const current = (): { state: TenantState; config: SimConfig } => this;
    return {
      get state() {
        return current().state;
      },
      get config() {
        return current().config;
      },
      origin: this.origin,
      now: () => this.clock.now(),
      schedule: (delayMs, fn) => {
        const cancel = this.clock.schedule(delayMs, () => {
          this.pending.delete(cancel);
          fn();
        });
        this.pending.add(cancel);
      },
      admitBatchItem: (method, path, clientRequestId) => {
        this.stats.count(surface, method, path);
        const limits = this.config[surface];
        const admission = this.limiters[surface].admit(limits, this.clock.now(), { holdsSlot: false });
        if (admission.ok) return undefined;
        this.stats.rejected(surface, admission.status);
        return admission.status === 429 ? throttledResponse(surface, admission.reason, limits, clientRequestId) : unavailableResponse(surface, limits, clientRequestId);
      },
    };
  }

  private seed(): void {
    const base = this.config.seed;
    const previous = this.limiters as Record<ApiSurface, SurfaceLimiter> | undefined;
    this.limiters = {
      graph: new SurfaceLimiter(createPrng(base + 1)),
      bap: new SurfaceLimiter(createPrng(base + 2)),
      dataverse: new SurfaceLimiter(createPrng(base + 3)),
      powerApps: new SurfaceLimiter(createPrng(base + 4)),
    };
    for (const s of API_SURFACES) {
      // requests admitted before a reseed still release their slot on the new limiter
      this.limiters[s].inFlight = previous?.[s].inFlight ?? 0;
      this.limiters[s].peak = previous?.[s].peak ?? 0;
    }
    this.latencyRandom = createPrng(base);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid simulator config: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A JSON body sent without `Content-Type: application/json` (parameters such as charset allowed).
 * Graph: the 400 seen in public issue threads for directory writes. BAP and Dataverse: ASP.NET's
 * wording with `unverified.jsonContentTypeStatus` (415 by default); both UNVERIFIED.
 */
function wrongContentType(surface: ApiSurface, contentType: string | undefined, config: SimConfig, clientRequestId: string | undefined): SimResponse {
  if (surface === 'graph') return apiError('graph', 400, 'BadRequest', 'Entity only allows writes with a JSON Content-Type header.', clientRequestId);
  const status = config.unverified.jsonContentTypeStatus ?? 415;
  const message = contentType
    ? `The request entity's media type '${mediaTypeOf(contentType)}' is not supported for this resource.`
    : "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource.";
  const code = surface === 'dataverse' ? '0x80060888' : status === 415 ? 'UnsupportedMediaType' : 'BadRequest';
  return apiError(surface, status, code, message);
}

function withGraphIds(response: SimResponse, clientRequestId: string | undefined): SimResponse {
  const headers = { ...response.headers };
  if (!headers['request-id']) headers['request-id'] = crypto.randomUUID();
  if (!headers['client-request-id']) headers['client-request-id'] = clientRequestId ?? headers['request-id'];
  return { ...response, headers };
}
