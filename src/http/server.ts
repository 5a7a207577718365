import restify, { type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { AppError } from '../errors';
import { activityShapeProblem } from './activity-shape';
import { AuthFailureLog, type AuthFailureLogOptions } from './auth-failures';
import { inboundAuth, type InboundAuthOptions } from './authenticate';

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
  /** Bot Framework authentication (when MicrosoftAppId is set): tests give their own keys and a clock. */
  authentication?: Pick<InboundAuthOptions, 'openIdMetadataUrl' | 'keys' | 'now'> & { failures?: AuthFailureLogOptions };
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
  // Authentication on: HOST (default every interface, as App Service needs); off: loopback only.
  const host = config.bot.appId === null ? '127.0.0.1' : config.host;
  const server: Server = restify.createServer({ name: 'dataverse-access-bot', handleUncaughtExceptions: false });
  const readBody = restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 });
  const failures = new AuthFailureLog(log, options.authentication?.failures);
  const { failures: _failureOptions, ...authOptions } = options.authentication ?? {};
  const auth = config.bot.appId === null ? null : inboundAuth({ ...authOptions, appId: config.bot.appId, failures });
  let inFlight = 0;

  // With authentication, the token is checked before the body is read, and against the activity after.
  const gates = auth ? [auth.header, readBody, refuseMalformed, auth.activity] : [readBody, refuseMalformed];
  server.post('/api/messages', ...gates, async (req: restify.Request, res: restify.Response) => {
    inFlight++;
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } finally {
      inFlight--;
    }
  });
  function refuseMalformed(req: restify.Request, res: restify.Response, next: restify.Next): void {
    const problem = activityShapeProblem(req.body);
    if (!problem) return next();
    log.warn({ problem }, 'refused a malformed activity');
    res.send(400, { error: { code: 'BadRequest', message: problem } });
    next(false);
  }
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
      failures.flush();
    },
  };
}
