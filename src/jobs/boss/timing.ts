/**
 * pg-boss's clocks for the bot, all from one setting (JOB_HEARTBEAT_SECONDS). Work of an instance
 * that died waits at most: its heartbeat lapsing, a supervisor pass of a live instance noticing
 * (that fails the work back to `retry`), and a worker polling for it: resumeBoundSeconds.
 */
export interface BossTiming {
  /** A job (or the lane) unheard of this long is given to another instance. pg-boss's minimum is 10. */
  heartbeatSeconds: number;
  /** How often each instance's pg-boss looks for lapsed heartbeats (the passes are shared: one instance does each). */
  superviseSeconds: number;
  /** How often instances that do not hold the lane ask for it. */
  lanePollSeconds: number;
  /** How often the lane holder looks for sync jobs. */
  jobPollSeconds: number;
  /** How often the lane holder looks for one-off addUser requests (a diagnosis card's Sync now). */
  addUserPollSeconds: number;
}

export function bossTiming(heartbeatSeconds: number): BossTiming {
  return {
    heartbeatSeconds,
    superviseSeconds: Math.max(1, Math.round(heartbeatSeconds / 4)),
    lanePollSeconds: 2,
    jobPollSeconds: 1,
    addUserPollSeconds: 0.5,
  };
}

/** The longest a dead instance's work waits before another instance picks it up (20 s heartbeat: 32 s). */
export function resumeBoundSeconds(t: BossTiming): number {
  return t.heartbeatSeconds + t.superviseSeconds + Math.max(t.lanePollSeconds, t.jobPollSeconds) + t.jobPollSeconds;
}
