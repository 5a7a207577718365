import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantFixture } from '../../src/sim/model';
import { CONTOSO_FIXTURE_PATH, type DeepPartial, type RunningSimulator, startSimulator } from '../../src/sim/server';
import type { SimClock } from '../../src/sim/clock';
import type { SimConfig } from '../../src/sim/types';

export const SMALL_TENANT = join(__dirname, 'fixtures', 'small-tenant.json');
export const IDS = {
  jan: '00000000-0000-4000-8000-00000000000a',
  janet: '00000000-0000-4000-8000-00000000000b',
  zoe: '00000000-0000-4000-8000-00000000000c',
  gwen: '00000000-0000-4000-8000-00000000000d',
  dave: '00000000-0000-4000-8000-00000000000e',
  alex: '00000000-0000-4000-8000-00000000000f',
  envAccess: '22222222-0000-4000-8000-000000000001',
  nested: '22222222-0000-4000-8000-000000000002',
  marketing: '22222222-0000-4000-8000-000000000003',
  sales: '22222222-0000-4000-8000-000000000009',
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  powerAppsSku: 'b30411f5-fea1-4a59-9ad9-3db7c7ead579',
} as const;

export function startSmall(config?: DeepPartial<SimConfig>, clock?: SimClock): Promise<RunningSimulator> {
  return startSimulator({ fixture: SMALL_TENANT, config, clock });
}

export async function requestToken(sim: RunningSimulator, form: Record<string, string>): Promise<Response> {
  return fetch(sim.urls.token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
}

export async function tokenFor(sim: RunningSimulator, resource: string): Promise<string> {
  const res = await requestToken(sim, { grant_type: 'client_credentials', client_id: sim.demoClient.clientId, client_secret: sim.demoClient.clientSecret, scope: `${resource}/.default` });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A small Graph client for tests: absolute nextLinks are followed as given. */
export async function graphClient(sim: RunningSimulator): Promise<(path: string, init?: { method?: string; headers?: Record<string, string>; body?: unknown }) => Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>> {
  const token = await tokenFor(sim, 'https://graph.microsoft.com');
  return async (path, init = {}) => {
    const url = path.startsWith('http') ? path : `${sim.urls.graph}/v1.0${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
}

export function errorOf(body: Record<string, unknown>): { code: string; message: string; innerError?: Record<string, string> } {
  return body.error as { code: string; message: string; innerError?: Record<string, string> };
}

export type GraphCall = Awaited<ReturnType<typeof graphClient>>;

/** Starts the small tenant for a test file (beforeAll/afterAll) and hands back the simulator and a Graph caller. */
export function useSmallGraph(config?: DeepPartial<SimConfig>, clock?: SimClock): { sim: RunningSimulator; graph: GraphCall } {
  const t = {} as { sim: RunningSimulator; graph: GraphCall };
  beforeAll(async () => {
    t.sim = await startSmall(config, clock);
    t.graph = await graphClient(t.sim);
  });
  afterAll(() => t.sim.close());
  return t;
}

/**
 * A SimClock the test drives: time stands still until advance(), latency waits hold until released,
 * scheduled work runs only when runScheduled() is called.
 */
export class ManualClock implements SimClock {
  readonly waits: { ms: number; release: () => void }[] = [];
  readonly scheduled: { delayMs: number; fn: () => void; state: 'pending' | 'ran' | 'cancelled' }[] = [];
  private current = Date.now();
  private waiters: { count: number; resolve: () => void }[] = [];

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  delay(ms: number): Promise<void> {
    return new Promise((release) => {
      this.waits.push({ ms, release });
      const ready = this.waiters.filter((w) => this.waits.length >= w.count);
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const waiter of ready) waiter.resolve();
    });
  }

  /** Resolves once `count` latency waits have begun in total. */
  waitsBegun(count: number): Promise<void> {
    if (this.waits.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  releaseAll(): void {
    for (const wait of this.waits) wait.release();
  }

  schedule(delayMs: number, fn: () => void): () => void {
    const task = { delayMs, fn, state: 'pending' as 'pending' | 'ran' | 'cancelled' };
    this.scheduled.push(task);
    return () => {
      if (task.state === 'pending') task.state = 'cancelled';
    };
  }

  /** Runs every pending scheduled task as if its delay had passed; returns how many ran. */
  runScheduled(): number {
    const due = this.scheduled.filter((t) => t.state === 'pending');
    for (const task of due) {
      task.state = 'ran';
      task.fn();
    }
    return due.length;
  }
}

/** What Graph answers each GET when the Contoso apps lack one application permission (a simulator of its own, closed after). */
export async function answersWithout(permission: string, paths: string[]): Promise<{ status: number; code: string }[]> {
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  fixture.apps = fixture.apps.map((a) => ({ ...a, graphPermissions: a.graphPermissions.filter((p) => p !== permission) }));
  const sim = await startSimulator({ fixture });
  try {
    const graph = await graphClient(sim);
    const answers: { status: number; code: string }[] = [];
    for (const path of paths) {
      const { status, body } = await graph(path);
      answers.push({ status, code: errorOf(body)?.code ?? '' });
    }
    return answers;
  } finally {
    await sim.close();
  }
}
