/**
 * Scenario 6: how many requests per second the simulator serves with zero latency and no limits, so
 * it is never the bottleneck of the other scenarios. Standalone: `npx tsx bench/sim-headroom.ts [seconds]`.
 * The load generator runs in this process and the simulator in its own; on a small machine the
 * figure is a lower bound (both share the CPUs).
 */
import { Agent, request } from 'node:http';
import { checked, type Row } from './lib/results';
import type { Mode, Scenario } from './lib/scenario';
import { startSimulatorProcess } from './lib/simulator-process';
import { contosoWithBenchGroup } from './lib/tenant-fixture';

const CONCURRENCY = 32;

export async function measureSimHeadroom(seconds: number): Promise<{ requestsPerSecond: number; requests: number; errors: number }> {
  const fixture = contosoWithBenchGroup(0);
  const sim = await startSimulatorProcess(fixture, {});
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const app = fixture.apps.find((a) => a.managementApp) ?? fixture.apps[0];
    const tokenResponse = await fetch(`${sim.origin}/${fixture.tenant.id}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app?.clientId ?? '', client_secret: app?.clientSecret ?? '', scope: 'https://graph.microsoft.com/.default' }).toString(),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const paths = fixture.users.filter((u) => !u.deleted).map((u) => `/graph/v1.0/users/${u.id}`);
    const url = new URL(sim.origin);
    let requests = 0;
    let errors = 0;
    const get = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    const load = async (until: number, count: boolean): Promise<void> => {
      for (let i = 0; performance.now() < until; i += 1) {
        const status = await get(paths[i % paths.length] as string);
        if (!count) continue;
        requests += 1;
        if (status !== 200) errors += 1;
      }
    };
    const warm = performance.now() + 300;
    await Promise.all(Array.from({ length: CONCURRENCY }, () => load(warm, false)));
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(Array.from({ length: CONCURRENCY }, () => load(until, true)));
    return { requestsPerSecond: requests / ((performance.now() - started) / 1000), requests, errors };
  } finally {
    agent.destroy();
    await sim.stop();
  }
}

export const simHeadroomScenario: Scenario = {
  id: 'sim-headroom',
  async run(mode: Mode, progress) {
    const seconds = mode === 'full' ? 5 : 1;
    const scenario = `6. Simulator headroom: zero latency, ${CONCURRENCY} clients, ${seconds} s`;
    progress(scenario);
    const result = await measureSimHeadroom(seconds);
    return [
      checked(scenario, 'requests per second (GET /v1.0/users/{id})', result.requestsPerSecond, 'req/s', { op: '>=', limit: 2000 }),
      checked(scenario, 'failed requests', result.errors, `of ${result.requests}`, { op: '<=', limit: 0 }),
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
