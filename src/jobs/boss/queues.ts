import type { Queue } from 'pg-boss';

/**
 * The bot's pg-boss queues (schema `pgboss` of the bot's database):
 * - `sync-lane`: ONE job, always active on one instance (exclusive policy, heartbeat). Whoever holds
 *   it runs every sync job and every Sync now with its one adaptive limiter, so N instances send
 *   what one limiter admits. When the holder dies or stops, pg-boss retries the job on another instance.
 * - `sync-job`: one job per sync job (singleton key = the job id), worked only by the lane holder;
 *   retried on the next holder when its instance dies, which resumes it from the stored member rows.
 * - `sync-add-user`: a diagnosis card's Sync now sent by an instance that does not hold the lane; the
 *   holder runs it through the limiter and stores the outcome as the job's output.
 * - `repeat-<task>`: the repeated passes (watch checks, preview expiry): one job per interval slot.
 */
export const LANE_QUEUE = 'sync-lane';
export const JOB_QUEUE = 'sync-job';
export const ADD_USER_QUEUE = 'sync-add-user';

export const repeatQueue = (task: string): string => `repeat-${task}`;

const DAY_SECONDS = 86_400;
/** Retries of the lane and of a sync job are hand-overs (an instance died or stopped), not errors: never give up. */
const HAND_OVERS = 1_000_000;

export function queueDefinitions(heartbeatSeconds: number): Queue[] {
  return [
    // pg-boss bounds an active job by expireInSeconds (at most 24 h): the lane is then handed over once a day.
    { name: LANE_QUEUE, policy: 'exclusive', heartbeatSeconds, expireInSeconds: DAY_SECONDS, retryLimit: HAND_OVERS, retryDelay: 0, deleteAfterSeconds: DAY_SECONDS },
    { name: JOB_QUEUE, policy: 'exclusive', heartbeatSeconds, expireInSeconds: DAY_SECONDS, retryLimit: HAND_OVERS, retryDelay: 1, deleteAfterSeconds: 7 * DAY_SECONDS },
    // A Sync now is answered within a minute or not at all (the person presses it again); the gateway has its own retries.
    { name: ADD_USER_QUEUE, policy: 'standard', expireInSeconds: 120, retryLimit: 0, retentionSeconds: 300, deleteAfterSeconds: 3_600 },
  ];
}

/** A repeated pass: one job per interval slot (singletonSeconds), never two at once (exclusive). */
export function repeatQueueDefinition(task: string, intervalSeconds: number): Queue {
  return {
    name: repeatQueue(task),
    policy: 'exclusive',
    retryLimit: 0,
    expireInSeconds: Math.min(DAY_SECONDS, Math.max(300, intervalSeconds * 4)),
    // A slot's job must outlive its slot, or a late instance could file the same slot again.
    deleteAfterSeconds: Math.max(DAY_SECONDS, intervalSeconds * 2),
  };
}
