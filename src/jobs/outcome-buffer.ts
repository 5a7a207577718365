import type { Database } from 'better-sqlite3';
import type { Clock } from './clock';
import type { MemberOutcome } from './job-types';
import { recordOutcomes } from './member-store';

/**
 * Member outcomes written in transactions of up to `maxBatch`, at least every `maxDelayMs`:
 * one transaction per completion would cost a disk sync each at 50,000 members.
 * An outcome not yet flushed when the process dies belongs to a member still marked running,
 * which is re-run on resume (addUser is idempotent), so nothing is lost or counted twice.
 */
export class OutcomeBuffer {
  private pending: MemberOutcome[] = [];
  private lastFlush: number;

  constructor(
    private readonly db: Database,
    private readonly jobId: string,
    private readonly clock: Clock,
    private readonly limits = { maxBatch: 500, maxDelayMs: 100 },
  ) {
    this.lastFlush = clock.now();
  }

  push(outcome: MemberOutcome): void {
    this.pending.push(outcome);
    if (this.pending.length >= this.limits.maxBatch || this.clock.now() - this.lastFlush >= this.limits.maxDelayMs) this.flush();
  }

  flush(): void {
    this.lastFlush = this.clock.now();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    recordOutcomes(this.db, this.jobId, batch);
  }
}
