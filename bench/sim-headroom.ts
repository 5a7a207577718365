/**
 * Scenario 6: how many requests per second the simulator serves with zero latency and no limits, so
 * it is never the bottleneck of the other scenarios. Standalone: `npx tsx bench/sim-headroom.ts [seconds]`.
 * The load generator runs in this process and the simulator in its own; on a small machine the
 * figure is a lower bound (both share the CPUs).
 */
import { Agent, request } from 'node:http';
import type { TenantFixture } from '../src/sim/model';
import { checked, type Row } from './lib/results';
import type { Mode, Scenario } from './lib/scenario';
import { startSimulatorProcess } from './lib/simulator-process';
import { BENCH_GROUP, contosoWithBenchGroup, UAT } from './lib/tenant-fixture';

const CONCURRENCY = 32;

interface Load {
  requests: number;
  errors: number;
  requestsPerSecond: number;
}

/** Keeps CONCURRENCY keep-alive requests in flight until `next` returns null; counts answers that are not `okStatus`. */
async function drive(origin: string, token: string, next: (i: number) => { method: string; path: string; body?: string } | null, okStatus: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(origin);
  const send = (call: { method: string; path: string; body?: string }): Promise<number> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (call.body !== undefined) headers['content-type'] = 'application/json';
      const req = request({ host: url.hostname, port: url.port, method: call.method, path: call.path, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(call.body);
    });
  let index = 0;
  let requests = 0;
  let errors = 0;
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (let call = next(index++); call !== null; call = next(index++)) {
        const status = await send(call);
        requests += 1;
        if (status !== okStatus) errors += 1;
      }
    }));
  } finally {
    agent.destroy();
  }
  return { requests, errors, requestsPerSecond: requests / ((performance.now() - started) / 1000) };
}

async function tokenFor(origin: string, fixture: TenantFixture, scope: string): Promise<string> {
  const app = fixture.apps.find((a) => a.managementApp) ?? fixture.apps[0];
  const response = await fetch(`${origin}/${fixture.tenant.id}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app?.clientId ?? '', client_secret: app?.clientSecret ?? '', scope }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** GET /v1.0/users/{id} over the demo tenant's people for `seconds` (after a short warm-up). */
export async function measureSimHeadroom(seconds: number): Promise<Load> {
  const fixture = contosoWithBenchGroup(0);
  const sim = await startSimulatorProcess(fixture, {});
  try {
    const token = await tokenFor(sim.origin, fixture, 'https://graph.microsoft.com/.default');
    const paths = fixture.users.filter((u) => !u.deleted).map((u) => `/graph/v1.0/users/${u.id}`);
    const until = (deadline: number) => (i: number) => (performance.now() < deadline ? { method: 'GET', path: paths[i % paths.length] as string } : null);
    await drive(sim.origin, token, until(performance.now() + 300), 200);
    return await drive(sim.origin, token, until(performance.now() + seconds * 1000), 200);
  } finally {
    await sim.stop();
  }
}

/** addUser for every member of an N-member group into UAT: the simulator's cost per request grows with the environment. */
export async function measureAddUserHeadroom(members: number): Promise<Load> {
  const fixture = contosoWithBenchGroup(members);
  const sim = await startSimulatorProcess(fixture, {});
  try {
    const token = await tokenFor(sim.origin, fixture, 'https://service.powerapps.com/.default');
    const state = (await (await fetch(`${sim.origin}/_sim/state`)).json()) as TenantFixture;
    const ids = state.groups.find((g) => g.id === BENCH_GROUP.id)?.members ?? [];
    const path = `/bap/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${UAT.environmentId}/addUser?api-version=2020-10-01`;
    return await drive(sim.origin, token, (i) => (i < ids.length ? { method: 'POST', path, body: JSON.stringify({ ObjectId: ids[i] }) } : null), 200);
  } finally {
    await sim.stop();
  }
}

export const simHeadroomScenario: Scenario = {
  id: 'sim-headroom',
  async run(mode: Mode, progress) {
    const seconds = mode === 'full' ? 5 : 1;
    const scenario = `6. Simulator headroom: zero latency, ${CONCURRENCY} clients, ${seconds} s`;
    progress(scenario);
    const reads = await measureSimHeadroom(seconds);
    const members = mode === 'full' ? 10_000 : 1_000;
    const adds = await measureAddUserHeadroom(members);
    const addScenario = `6. Simulator headroom: zero latency, ${CONCURRENCY} clients, addUser × ${members.toLocaleString('en-US')}`;
    return [
      checked(scenario, 'requests per second (GET /v1.0/users/{id})', reads.requestsPerSecond, 'req/s', { op: '>=', limit: 2000 }),
      checked(scenario, 'failed requests', reads.errors, `of ${reads.requests}`, { op: '<=', limit: 0 }),
      checked(addScenario, 'requests per second (POST …/addUser, every member once)', adds.requestsPerSecond, 'req/s', { op: '>=', limit: 2000 }),
      checked(addScenario, 'failed requests', adds.errors, `of ${adds.requests}`, { op: '<=', limit: 0 }),
    ] satisfies Row[];
  },
};

if (require.main === module) {
  measureSimHeadroom(Number(process.argv[2] ?? 5)).then(
    (r) => process.stdout.write(`${Math.round(r.requestsPerSecond)} req/s (${r.requests} requests, ${r.errors} failed)\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
