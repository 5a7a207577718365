import { config as readDotEnv } from 'dotenv';
import { loadConfig, type Config } from './config';
import { toAppError } from './errors';
import { createLogger } from './log';
import { startBot } from './http/start-bot';

/** Composition root: .env → config → logger → store, simulator, gateways, notifier, router → bot → server. */
async function main(): Promise<void> {
  readDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${toAppError(error).userMessage}\n`);
    process.exitCode = 1;
    return;
  }
  const log = createLogger(config);
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  const bot = await startBot(config, { log });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing running turns');
    bot.close().then(
      () => log.info('stopped'),
      (error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const appError = toAppError(error);
  process.stderr.write(`${appError.isOperational ? appError.userMessage : `Could not start the bot: ${appError.message}`}\n`);
  process.exitCode = 1;
});
