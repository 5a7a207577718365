/**
 * Child process for azure-monitor.test.ts (the Azure Monitor distro registers process-wide
 * globals and reads TLS trust at start, so it runs in a process of its own): composes the real app
 * on the simulated tenant with the given .env keys, routes one `environments` command for an
 * admin, closes (which exports), and prints what the simulator received as one JSON line.
 */
import pino from 'pino';
import { composeApp } from '../../src/app/compose';
import { loadConfig } from '../../src/config';
import { ADMIN } from '../security/helpers/watch';
import { recordingTurn } from './recording-turn';

const NO_LATENCY = { graph: { latencyMs: 0, jitterMs: 0 }, bap: { latencyMs: 0, jitterMs: 0 }, dataverse: { latencyMs: 0, jitterMs: 0 } };

async function main(): Promise<void> {
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const config = loadConfig({ DATA_SOURCE: 'simulated', STORE_PATH: ':memory:', ...env });
  const app = await composeApp(config, { log: pino({ level: 'silent' }), simulator: { config: NO_LATENCY } });
  const { turn, said } = recordingTurn(app.deps.log, ADMIN);
  await app.router.handleText(turn, 'environments');
  const stats = app.simulated?.running?.stats();
  await app.close();
  process.stdout.write(`${JSON.stringify({ answered: said.length > 0, traceContext: stats?.traceContext })}\n`);
  // Everything is exported by now; the distro's statistics timer would hold the process ~15 s more.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
