import { config as readDotEnv } from 'dotenv';
import { composeApp } from '../app/compose';
import { loadConfig } from '../config';
import { toAppError } from '../errors';
import { createLogger } from '../log';
import { cliCommands, type CliIo } from './commands';

/** `npm run cli -- <command> …`: the bot's use cases from a terminal, same configuration and Deps as the bot. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    if (name !== undefined && name !== 'help' && name !== '--help') io.err(`Unknown command "${name}".`);
    io.err('Usage: npm run cli -- <command>');
    for (const c of cliCommands) io.err(`  ${c.usage.padEnd(40)} ${c.summary}`);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  let app: Awaited<ReturnType<typeof composeApp>> | undefined;
  try {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
    // Logs go to stderr so stdout stays clean for --json.
    const log = createLogger(config, { destination: process.stderr, pretty: false });
    app = await composeApp(config, { log });
    return await command.run(args, app.deps, io);
  } catch (error) {
    const appError = toAppError(error);
    if (app === undefined && appError.code === 'config.invalid' && command.whenConfigInvalid) return command.whenConfigInvalid(args, appError.userMessage, io);
    io.err(appError.isOperational ? appError.userMessage : `Failed: ${appError.message}`);
    return 1;
  } finally {
    await app?.close();
  }
}

if (require.main === module) {
  readDotEnv();
  const io: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  runCli(process.argv.slice(2), process.env, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(String(error));
      process.exitCode = 1;
    },
  );
}
