/**
 * `npm run sim -- --port 4010 [--tenant FILE] [--latency-ms N] [--jitter-ms N] [--max-concurrent N]
 * [--rps N] [--random-429 RATE] [--random-503 RATE] [--retry-after S] [--provisioning-delay-ms N]
 * [--seed N] [--host H]`. Each flag has an env twin (SIM_PORT, SIM_TENANT, SIM_LATENCY_MS, …).
 * Latency/limit flags apply to the graph, bap, powerApps and dataverse surfaces alike; change one surface at
 * run time with POST /_sim/config.
 */
import { parseArgs } from 'node:util';
import type { DeepPartial } from './config';
import { FixtureError } from './fixture';
import { startSimulator } from './server';
import type { SimConfig, SurfaceLimits } from './types';

const NUMERIC: Record<string, { env: string; limit?: keyof SurfaceLimits }> = {
  'latency-ms': { env: 'SIM_LATENCY_MS', limit: 'latencyMs' },
  'jitter-ms': { env: 'SIM_JITTER_MS', limit: 'jitterMs' },
  'max-concurrent': { env: 'SIM_MAX_CONCURRENT', limit: 'maxConcurrent' },
  rps: { env: 'SIM_RPS', limit: 'requestsPerSecond' },
  'random-429': { env: 'SIM_RANDOM_429', limit: 'random429Rate' },
  'random-503': { env: 'SIM_RANDOM_503', limit: 'random503Rate' },
  'retry-after': { env: 'SIM_RETRY_AFTER', limit: 'retryAfterSeconds' },
  'provisioning-delay-ms': { env: 'SIM_PROVISIONING_DELAY_MS' },
  seed: { env: 'SIM_SEED' },
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      tenant: { type: 'string' },
      help: { type: 'boolean' },
      ...Object.fromEntries(Object.keys(NUMERIC).map((k) => [k, { type: 'string' as const }])),
    },
  });
  if (values.help) {
    process.stdout.write(`${readUsage()}\n`);
    return;
  }
  const flags = values as Record<string, string | undefined>;
  const limits: Partial<SurfaceLimits> = {};
  const config: DeepPartial<SimConfig> = {};
  for (const [flag, { env, limit }] of Object.entries(NUMERIC)) {
    const raw = flags[flag] ?? process.env[env];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number (got '${raw}')`);
    if (limit) limits[limit] = n;
    else if (flag === 'seed') config.seed = n;
    else config.provisioningDelayMs = n;
  }
  if (Object.keys(limits).length > 0) Object.assign(config, { graph: limits, bap: { ...limits }, powerApps: { ...limits }, dataverse: { ...limits } });
  const port = Number(flags.port ?? process.env.SIM_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535 (got '${flags.port ?? process.env.SIM_PORT}')`);
  const sim = await startSimulator({ port, host: flags.host ?? process.env.SIM_HOST, fixture: flags.tenant ?? process.env.SIM_TENANT, config });
  const orgs = sim.state().fixture.environments.flatMap((e) => (e.dataverse ? [e.dataverse.org] : []));
  process.stdout.write(
    [
      `Simulated tenant '${sim.state().fixture.tenant.displayName}' (${sim.tenantId}) listening on ${sim.origin}`,
      `  Graph      ${sim.urls.graph}/v1.0`,
      `  BAP        ${sim.urls.bap}`,
      `  Power Apps ${sim.urls.powerApps}`,
      `  Dataverse  ${sim.urls.dataverse('{org}')}api/data/v9.2   orgs: ${orgs.join(', ') || '(none)'}`,
      `  Token      ${sim.urls.token}`,
      `  Demo app   client id ${sim.demoClient.clientId}   secret ${sim.demoClient.clientSecret}   (public demo data)`,
      `  Control    ${sim.origin}/_sim/{config,stats,state,reset}`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

class UsageError extends Error {}

function readUsage(): string {
  return 'npm run sim -- [--port 4010] [--host 127.0.0.1] [--tenant FILE] ' + Object.keys(NUMERIC).map((k) => `[--${k} N]`).join(' ');
}

main().catch((err: unknown) => {
  if (err instanceof FixtureError) process.stderr.write(`${err.message}\n`);
  else if (err instanceof UsageError) process.stderr.write(`${err.message}\n${readUsage()}\n`);
  else process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
