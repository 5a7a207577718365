import type { Logger } from 'pino';
import type { Config } from '../config';
import { composeApp, type ComposedApp, type ComposeOptions } from '../app/compose';
import { TeamsBot } from '../bot/teams-bot';
import { createAdapter } from './adapter';
import { createHealth } from './health';
import { assertSafeToServe, startServer, type BotServer } from './server';

export interface RunningBot {
  server: BotServer;
  app: ComposedApp;
  /** Graceful stop: no new requests, running turns finish (up to `graceMs`), then the store and simulator close. */
  close(graceMs?: number): Promise<void>;
}

/** Adapter → Deps → bot → HTTP server, for src/index.ts, the Playground script and end-to-end tests. */
export async function startBot(config: Config, options: { log: Logger } & Pick<ComposeOptions, 'simulator' | 'gateways'>): Promise<RunningBot> {
  assertSafeToServe(config);
  const adapter = createAdapter(config, options.log);
  const app = await composeApp(config, { ...options, proactive: adapter });
  try {
    const bot = new TeamsBot({ router: app.router, deps: app.deps, conversations: app.conversations });
    const server = await startServer({ config: app.config, adapter, bot, health: createHealth(app.config, app.deps.store), log: options.log });
    const resumed = await app.startBackgroundWork();
    if (resumed.length > 0) options.log.info({ jobs: resumed }, 'resumed unfinished sync jobs');
    return {
      server,
      app,
      async close(graceMs?: number) {
        await server.close(graceMs);
        await app.close();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
