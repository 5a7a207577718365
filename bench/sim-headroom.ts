/**
 * Simulator headroom: how many requests/s one simulator process serves with zero latency.
 * `npx tsx bench/sim-headroom.ts [--smoke] [--requests N] [--concurrency N]`
 * The simulator runs in its own process (one core for it); this process only generates load over
 * loopback with a keep-alive http.Agent. The request mix is the bot's hot paths.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { smoke: { type: 'boolean' }, requests: { type: 'string' }, concurrency: { type: 'string' } } });
const TOTAL = Number(values.requests ?? (values.smoke ? 2000 : 20000));
const CONCURRENCY = Number(values.concurrency ?? 16);
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function startSimulatorProcess(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '../src/sim/cli.ts'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, origin: match[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

async function token(tokenUrl: string, clientId: string, secret: string, resource: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: `${resource}/.default` }).toString();
  const res = await call(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

async function main(): Promise<void> {
  const { child, origin } = await startSimulatorProcess();
  try {
    const state = JSON.parse((await call(`${origin}/_sim/state`)).body) as {
      tenant: { id: string };
      apps: { clientId: string; clientSecret: string; managementApp: boolean }[];
      users: { id: string; deleted?: boolean }[];
      groups: { id: string; members: string[] }[];
      environments: { dataverse?: { org: string } }[];
    };
    const app = state.apps.find((a) => a.managementApp) ?? state.apps[0]!;
    const tokenUrl = `${origin}/${state.tenant.id}/oauth2/v2.0/token`;
    const org = state.environments.find((e) => e.dataverse)?.dataverse?.org ?? '';
    const auth = {
      graph: `Bearer ${await token(tokenUrl, app.clientId, app.clientSecret, 'https://graph.microsoft.com')}`,
      bap: `Bearer ${await token(tokenUrl, app.clientId, app.clientSecret, 'https://service.powerapps.com/')}`,
      dataverse: `Bearer ${await token(tokenUrl, app.clientId, app.clientSecret, `${origin}/dataverse/${org}`)}`,
    };
    const users = state.users.filter((u) => !u.deleted).map((u) => u.id);
    const bigGroup = [...state.groups].sort((a, b) => b.members.length - a.members.length)[0]!;
    const mix: { name: string; url: (i: number) => string; auth: string }[] = [
      { name: 'graph GET /users/{id}?$select', url: (i) => `${origin}/graph/v1.0/users/${users[i % users.length]}?$select=id,accountEnabled,assignedLicenses,userType`, auth: auth.graph },
      { name: 'graph GET /groups/{id}/members?$top=999', url: () => `${origin}/graph/v1.0/groups/${bigGroup.id}/members?$top=999&$select=id`, auth: auth.graph },
      { name: 'dataverse GET systemusers?$filter=azureactivedirectoryobjectid', url: (i) => `${origin}/dataverse/${org}/api/data/v9.2/systemusers?$filter=azureactivedirectoryobjectid eq ${users[i % users.length]}&$select=systemuserid,isdisabled`, auth: auth.dataverse },
      { name: 'bap GET environments', url: () => `${origin}/bap/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2020-10-01`, auth: auth.bap },
    ];
    // warm-up, then measure
    for (let i = 0; i < 200; i += 1) await call(mix[i % 4]!.url(i), { headers: { authorization: mix[i % 4]!.auth } });
    await call(`${origin}/_sim/stats`, { method: 'DELETE' });
    const perRoute = mix.map(() => ({ n: 0, ms: 0, errors: 0 }));
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) {
        const i = next++;
        const k = i % 10 < 7 ? 0 : i % 10 < 8 ? 1 : i % 10 < 9 ? 2 : 3;
        const t = performance.now();
        const res = await call(mix[k]!.url(i).replace(/ /g, '%20'), { headers: { authorization: mix[k]!.auth } });
        perRoute[k]!.n += 1;
        perRoute[k]!.ms += performance.now() - t;
        if (res.status >= 400) perRoute[k]!.errors += 1;
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`sim-headroom: ${TOTAL} requests, concurrency ${CONCURRENCY}, ${seconds.toFixed(2)} s → ${(TOTAL / seconds).toFixed(0)} req/s (target ≥ 2000)\n`);
    mix.forEach((m, k) => {
      const r = perRoute[k]!;
      process.stdout.write(`  ${m.name.padEnd(62)} ${String(r.n).padStart(6)} req  mean ${(r.ms / Math.max(1, r.n)).toFixed(2)} ms  errors ${r.errors}\n`);
    });
    if (perRoute.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
