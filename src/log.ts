import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config';
import { activeTraceFields } from './observability/log-trace';
import { REDACT_PATHS, configuredSecrets, createScrubber, scrubbingDestination } from './security/redact';

export interface LoggerOptions {
  /** Where lines go; default stdout (pretty when stdout is a terminal, JSON otherwise). */
  destination?: { write(chunk: string): unknown };
  pretty?: boolean;
}

/**
 * Structured JSON logs (pino). Known secret fields are redacted by path and every line is
 * scrubbed for tokens and the configured secret values before it is written. Lines written inside
 * a span carry its trace and span ids.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'bot' | 'microsoft'>, options: LoggerOptions = {}): Logger {
  const usePretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const target = options.destination ?? (usePretty ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }) : process.stdout);
  const scrub = createScrubber(configuredSecrets(config));
  return pino(
    { level: config.logLevel, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' }, base: { app: 'dataverse-access-bot' }, mixin: activeTraceFields },
    scrubbingDestination(target, scrub) as DestinationStream,
  );
}
