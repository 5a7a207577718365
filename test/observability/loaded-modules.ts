/**
 * Child process for telemetry-off.test.ts: starts the real bot (simulated tenant, port 0) with the
 * given .env keys, prints the OpenTelemetry and Azure Monitor packages Node has loaded by then
 * (one JSON line), and stops. Run with `node --import tsx test/observability/loaded-modules.ts '<JSON>'`.
 */
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startBot } from '../../src/http/start-bot';

async function main(): Promise<void> {
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const config = { ...loadConfig({ DATA_SOURCE: 'simulated', STORE_PATH: ':memory:', ...env }), port: 0 };
  const bot = await startBot(config, { log: pino({ level: 'silent' }) });
  const packages = Object.keys(require.cache)
    .filter((path) => /node_modules\/(@opentelemetry|@azure\/monitor)/.test(path))
    .map((path) => path.replace(/.*node_modules\//, '').split('/').slice(0, 2).join('/'));
  process.stdout.write(`${JSON.stringify([...new Set(packages)].sort())}\n`);
  await bot.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
