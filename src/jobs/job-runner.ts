import type { Periodic } from '../app/periodic';
import type { AddUserOutcome } from '../gateways/types';

/** Work repeated on a timer: once per interval on the whole deployment, never two passes at once. */
export interface RepeatedTask {
  /** Names the task across instances (letters, digits, dashes). */
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
  onError(error: unknown): void;
  /** A first pass at start (else after one interval). */
  immediately?: boolean;
}

/**
 * Runs sync jobs and the bot's repeated background work. With SQLite: in this process (one
 * instance by definition, SyncJobEngine). With PostgreSQL: on pg-boss, shared by every instance
 * on the database (BossJobRunner): a job runs on one instance at a time and another resumes it
 * when that one dies; every addUser goes through the one limiter of the instance holding the lane.
 */
export interface JobRunner {
  /** Hands a queued (or interrupted) job over to run; resolves before it runs, not when it ends. */
  start(jobId: string): Promise<void>;
  /** One addUser outside a job (a diagnosis card's Sync now), admitted by the same limiter as every job's. */
  addUserNow(environmentId: string, objectId: string): Promise<AddUserOutcome>;
  /** At start-up: jobs left queued or running carry on. Returns their ids. */
  resumeUnfinished(): Promise<string[]>;
  /** Starts `task`: every `intervalMs` in this process (SQLite), or once per interval across all instances (PostgreSQL). */
  repeat(task: RepeatedTask): Periodic;
  /** Resolves when every job started through this runner has ended, and nothing runs here (CLI, tests). */
  idle(): Promise<void>;
  /** Shutdown: no new work; in-flight adds finish, and what is left resumes (here at the next start, or on another instance). */
  stop(): Promise<void>;
}
