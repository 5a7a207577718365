/**
 * `npm run playground`: the bot on the simulated Contoso tenant plus the Microsoft 365 Agents
 * Playground (a local Teams-like web chat), no Microsoft account needed. Bot authentication is off,
 * so the bot listens on 127.0.0.1 only. The Playground itself listens on all interfaces.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { config as readDotEnv } from 'dotenv';
import { loadConfig } from '../src/config';
import { toAppError } from '../src/errors';
import { startBot } from '../src/http/start-bot';
import { createLogger } from '../src/log';

const ROOT = resolve(__dirname, '..');

export interface RunningPlayground {
  /** e.g. http://localhost:56150 */
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the Agents Playground pointed at `botEndpoint`; resolves once it listens. */
export function startPlayground(options: { botEndpoint: string; port?: number; logFile?: string; configPath?: string }): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const args = [cli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port ?? 56150), '--disable-telemetry'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? resolve(ROOT, '.m365agentsplayground.yml'),
      M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile ?? resolve(ROOT, 'devTools', 'm365agentsplayground.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((ready, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (\d+)/.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        const port = Number(match[1]);
        ready({ url: `http://localhost:${port}`, port, child, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`Agents Playground exited (${code ?? 'signal'}) before listening:\n${output.slice(-2000)}`)));
    child.once('error', fail);
  });
}

async function main(): Promise<void> {
  readDotEnv();
  // The Playground talks to the bot without Bot Framework tokens: bot auth off, demo tenant only.
  const config = loadConfig({ ...process.env, DATA_SOURCE: 'simulated', MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: '', MicrosoftAppTenantId: '' });
  const log = createLogger(config);
  const bot = await startBot(config, { log });
  const playgroundPort = process.env.PLAYGROUND_PORT ? Number(process.env.PLAYGROUND_PORT) : undefined;
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({ botEndpoint: `${bot.server.url}/api/messages`, port: playgroundPort });
  } catch (error) {
    await bot.close();
    throw error;
  }
  process.stdout.write(
    [
      '',
      `  Dataverse Access Bot is running on the simulated "${bot.app.config.simulator.tenantName}" demo tenant (bot: ${bot.server.url}, loopback only).`,
      `  Open ${playground.url} in your browser and type "help" (or "hello" for the welcome card).`,
      `  Note: the Playground listens on ALL network interfaces (port ${playground.port}); anyone who can reach this machine can chat as the mock users.`,
      '  Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await playground.stop();
    await bot.close();
  };
  playground.child.once('exit', () => void stop());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const appError = toAppError(error);
    process.stderr.write(`${appError.isOperational ? appError.userMessage : `Could not start the playground: ${appError.message}`}\n`);
    process.exitCode = 1;
  });
}
