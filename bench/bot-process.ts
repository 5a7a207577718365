/**
 * The real bot (startBot: compose + restify + CloudAdapter) in its own process, for the benchmarks.
 * Usage: `node --import tsx bench/bot-process.ts '<JSON of .env keys>'`. Prints `{"url": …}` when
 * it listens, and `{"memory": …}` (peaks of process.memoryUsage(), sampled every 250 ms) when it
 * stops. Bot authentication is off, so it binds to 127.0.0.1 only.
 * With BENCH_BOT_CPU_PROFILE=<file> in its environment it also records a V8 CPU profile (the one
 * `node --cpu-prof` writes; that flag is refused in NODE_OPTIONS) and writes it there when it stops.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { startBot } from '../src/http/start-bot';

/** Starts V8's sampling profiler; the returned function stops it and writes the profile to `file`. */
async function startCpuProfile(file: string): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function main(): Promise<void> {
  const profileFile = process.env.BENCH_BOT_CPU_PROFILE;
  const stopProfile = profileFile ? await startCpuProfile(profileFile) : async () => undefined;
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const config = loadConfig({ DATA_SOURCE: 'simulated', PORT: '0', LOG_LEVEL: 'warn', ...env });
  const log = pino({ level: config.logLevel }, pino.destination(2));
  const bot = await startBot(config, { log });
  process.stdout.write(`${JSON.stringify({ url: bot.server.url })}\n`);
  const peaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = (): void => {
    const usage = process.memoryUsage();
    for (const key of Object.keys(peaks) as (keyof typeof peaks)[]) peaks[key] = Math.max(peaks[key], usage[key]);
  };
  const sampler = setInterval(sample, 250);
  process.once('SIGTERM', () => {
    clearInterval(sampler);
    sample();
    process.stdout.write(`${JSON.stringify({ memory: peaks })}\n`);
    void stopProfile().finally(() => bot.close(1_000)).finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
