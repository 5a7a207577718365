import type { CounterName, GaugeName, HistogramName } from './telemetry';

/** Bucket bounds (ms) for every duration histogram: a fast Graph read to a slow addUser. */
export const DURATION_BOUNDS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000];

interface MetricInfo {
  unit: string;
  description: string;
}

/** Counters: units and descriptions as exported (docs/observability.md has the same table). */
export const COUNTERS: Readonly<Record<CounterName, MetricInfo>> = {
  'bot.routes': { unit: '{activity}', description: 'Routed commands and card actions, by route, caller role and outcome.' },
  'outbound.requests': { unit: '{request}', description: 'HTTP attempts to Graph, BAP and Dataverse, retries included, by service, method and status (0 = no response).' },
  'outbound.throttled': { unit: '{request}', description: 'Attempts answered 429 Too Many Requests, by service.' },
  'sync.members.synced': { unit: '{member}', description: 'Members a sync job added to an environment, as each one finishes.' },
  'sync.members.failed': { unit: '{member}', description: 'Members a sync job gave up on, by reason (the service error code or the bot\'s own reason).' },
  'sync.throttled': { unit: '{request}', description: 'addUser answers a sync job received as 429.' },
  'sync.jobs': { unit: '{job}', description: 'Sync job runs, by how they ended.' },
  'notifications.failed': { unit: '{message}', description: 'Proactive Teams messages (job results, alerts, card updates) that could not be delivered, by operation and error code.' },
};

export const HISTOGRAMS: Readonly<Record<HistogramName, MetricInfo>> = {
  'bot.route.duration': { unit: 'ms', description: 'Time to handle one routed command or card action.' },
  'outbound.duration': { unit: 'ms', description: 'Time per HTTP attempt to Graph, BAP or Dataverse.' },
  'sync.adduser.duration': { unit: 'ms', description: 'Time per addUser request (force-sync of one person), by status.' },
  'sync.job.duration': { unit: 'ms', description: 'Time per sync job run.' },
  'diagnosis.duration': { unit: 'ms', description: 'Time to answer one access check (typed or from a card), by outcome.' },
};

export const GAUGES: Readonly<Record<GaugeName, MetricInfo>> = {
  'sync.limiter.window': { unit: '{request}', description: 'addUser requests the sync limiter lets run at once right now.' },
  'sync.limiter.pace': { unit: '{request}/s', description: 'Requests per second the sync limiter paces addUser at; absent while it only caps concurrency.' },
  'sync.jobs.active': { unit: '{job}', description: 'Sync jobs queued and running in this process, by state.' },
};
