import type { Logger } from 'pino';
import type { PgBoss } from 'pg-boss';
import type { PostgresConnection } from '../../store/postgres-connection';
import { queueDefinitions } from './queues';
import type { BossTiming } from './timing';

export interface BossTarget {
  /** The store's PostgreSQL (DATABASE_URL, DATABASE_AUTH): pg-boss keeps its tables in schema `pgboss` there, on a pool of its own. */
  connection: PostgresConnection;
  timing: BossTiming;
  log: Logger;
  /** In pg-boss's instance registry (pgboss.instance): `bot` or `cli`. */
  role: 'bot' | 'cli';
}

/**
 * Starts pg-boss on the bot's database and creates (or updates) the bot's queues. Its own small
 * pool keeps heartbeats from waiting behind a busy store. Loaded on demand: SQLite never loads it.
 */
export async function startBoss(target: BossTarget): Promise<PgBoss> {
  const { PgBoss } = await import('pg-boss');
  const { timing, log } = target;
  const boss = new PgBoss({
    ...target.connection,
    max: 4,
    application_name: `dataverse-access-bot-${target.role}`,
    instanceName: target.role,
    superviseIntervalSeconds: timing.superviseSeconds,
    monitorIntervalSeconds: timing.superviseSeconds,
    // No cron: repeated passes are throttled sends (src/jobs/boss/repeat.ts), which also work below a minute.
    schedule: false,
    // The bot's own spans and metrics describe jobs (src/observability); pg-boss's would add one per poll.
    openTelemetry: { enabled: false },
  });
  // pg-boss reports lost connections and the like as events; it retries on its own.
  boss.on('error', (error: Error) => log.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'pg-boss reported an error'));
  boss.on('warning', (warning: { message: string }) => log.warn({ warning: warning.message }, 'pg-boss warning'));
  await boss.start();
  for (const { name, ...options } of queueDefinitions(timing.heartbeatSeconds)) {
    await boss.createQueue(name, options);
    // createQueue leaves an existing queue as it is: the heartbeat follows the setting of the last instance started.
    await boss.updateQueue(name, { heartbeatSeconds: options.heartbeatSeconds ?? null });
  }
  return boss;
}
