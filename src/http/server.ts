import restify, { type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { AppError } from '../errors';
import { activityShapeProblem } from './activity-shape';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  dataSource: Config['dataSource'];
  store: { ok: boolean; schemaVersion: number | null };
}

export interface ServerOptions {
  config: Pick<Config, 'port' | 'host' | 'bot' | 'dataSource'>;
  adapter: Pick<CloudAdapter, 'process'>;
  bot: { run(context: TurnContext): Promise<void> };
  health: () => Promise<HealthReport>;
  log: Logger;
}

export interface BotServer {
  /** e.g. http://127.0.0.1:3978 */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and waits (up to `graceMs`) for running turns to finish. */
  close(graceMs?: number): Promise<void>;
}

/** Without bot authentication anyone who can reach the port can drive the bot: loopback and simulated data only. */
export function assertSafeToServe(config: Pick<Config, 'bot' | 'dataSource'>): void {
  if (config.bot.appId === null && config.dataSource === 'live') {
    throw new AppError(
      'config.invalid',
      'Refusing to start: DATA_SOURCE is live but bot authentication is off (MicrosoftAppId is not set). Set MicrosoftAppId, MicrosoftAppPassword/MicrosoftAppType and MicrosoftAppTenantId, or use the simulated tenant.',
    );
  }
}

export async function startServer(options: ServerOptions): Promise<BotServer> {
  const { config, adapter, bot, log } = options;
  assertSafeToServe(config);
  const host = config.bot.appId === null ? '127.0.0.1' : config.host;
  const server: Server = restify.createServer({ name: 'dataverse-access-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));
  let inFlight = 0;

  server.post('/api/messages', async (req, res) => {
    const problem = activityShapeProblem(req.body);
    if (problem) {
      log.warn({ problem }, 'refused a malformed activity');
      res.send(400, { error: { code: 'BadRequest', message: problem } });
      return;
    }
    inFlight++;
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } finally {
      inFlight--;
    }
  });
  server.get('/healthz', async (_req, res) => {
    const report = await options.health();
    res.send(report.status === 'ok' ? 200 : 503, report);
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, host, () => resolve());
  });
  const address = server.address();
  const url = `http://${host}:${address.port}`;
  log.info({ url, auth: config.bot.appId !== null, dataSource: config.dataSource }, 'bot listening');

  return {
    url,
    port: address.port,
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      if (inFlight > 0) log.warn({ inFlight }, 'shutting down with turns still running');
      server.server.closeAllConnections();
      await closed;
    },
  };
}
