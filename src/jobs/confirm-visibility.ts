import type { Logger } from 'pino';
import { IDS_PER_REQUEST } from '../gateways/dataverse/dataverse-gateway';
import type { DataverseGateway, SystemUser } from '../gateways/types';
import type { VisibleMember } from './after-sync';
import { backoffDelay } from '../backoff';
import type { Clock } from './clock';
import { countSyncedNotVisible, markVisible, syncedNotVisible } from './member-store';
import type { Db } from '../store/schema';

const CHUNK = 1000;
/** How often the members stored as synced are looked up while the adds still run (outcomes are stored at least every 100 ms). */
const WHILE_ADDING_EVERY_MS = 100;

export interface VisibilityCheck {
  db: Db; jobId: string; instanceUrl: string; dataverse: DataverseGateway; clock: Clock; log: Logger;
  /** Each batch of members found visible, with their rows (the role step takes them from here: no second lookup). */
  onVisible?: (found: VisibleMember[]) => void;
}

/**
 * addUser is eventually consistent (microsoft-apis.md §1.2): polls Dataverse `systemusers` in
 * batched queries until every synced member is there and enabled, or `windowMs` has passed.
 * With `after`, the lookups made while adding: the first round leaves out the members of the one
 * still under way (without waiting for it) and counts what they missed once they have ended.
 * Returns how many synced members are still not visible.
 */
export async function confirmVisibility(input: VisibilityCheck & { windowMs: number; after?: WhileAdding }): Promise<number> {
  const { db, jobId, clock } = input;
  const deadline = clock.now() + input.windowMs;
  for (let round = 1; ; round += 1) {
    let missing = 0;
    let cursor = 0;
    const skip = round === 1 ? (input.after?.lookingUp ?? null) : null;
    for (let batch = await syncedNotVisible(db, jobId, cursor, CHUNK); batch.length > 0; batch = await syncedNotVisible(db, jobId, cursor, CHUNK)) {
      cursor = batch[batch.length - 1]?.seq ?? cursor;
      const mine = skip ? batch.filter((m) => m.seq <= skip.after || m.seq > skip.through) : batch;
      try {
        if (mine.length > 0) missing += await lookUp(input, mine);
      } catch (error) {
        input.log.warn({ err: error, jobId }, 'could not confirm synced users in Dataverse; reporting them as not visible yet');
        await input.after?.ended;
        return countSyncedNotVisible(db, jobId, 0);
      }
    }
    if (round === 1 && input.after) {
      await input.after.ended;
      missing = await countSyncedNotVisible(db, jobId, 0);
    }
    const left = deadline - clock.now();
    if (missing === 0 || left <= 0) return missing;
    await clock.sleep(Math.min(left, backoffDelay(round, { baseMs: 1_000, maxMs: 10_000 })));
  }
}

/** Lookups made while the adds run: the one under way, if any (members with seq in (after, through]), and their end. */
export interface WhileAdding {
  readonly lookingUp: { after: number; through: number } | null;
  readonly ended: Promise<void>;
}

/**
 * While the adds run, members already stored as synced are looked up, whole requests only (a
 * multiple of IDS_PER_REQUEST), each member once: when the last add returns, confirmVisibility has
 * only the last few left (the 1,000-member benchmark job: one Dataverse round trip after its adds
 * instead of two). The first lookup is a single request; as soon as one finds a member Dataverse
 * does not show yet (addUser's rows are late in this environment), the lookups stop and everything
 * left is for confirmVisibility: at most one extra request where it does not pay. Ends soon after
 * `addingDone` (a lookup under way finishes first), or at a failed lookup, which confirmVisibility
 * then meets and reports.
 */
export function confirmWhileAdding(input: VisibilityCheck, addingDone: Promise<void>): WhileAdding {
  const stop = new AbortController();
  void addingDone.then(() => stop.abort());
  const state: { lookingUp: WhileAdding['lookingUp']; ended: Promise<void> } = { lookingUp: null, ended: Promise.resolve() };
  const run = async (): Promise<void> => {
    let cursor = 0;
    let size = IDS_PER_REQUEST;
    while (!stop.signal.aborted) {
      await input.clock.sleep(WHILE_ADDING_EVERY_MS, stop.signal);
      for (;;) {
        if (stop.signal.aborted) return;
        const stored = await syncedNotVisible(input.db, input.jobId, cursor, size);
        const batch = stored.slice(0, stored.length - (stored.length % IDS_PER_REQUEST));
        const through = batch[batch.length - 1]?.seq;
        if (through === undefined) break;
        state.lookingUp = { after: cursor, through };
        cursor = through;
        let missed;
        try {
          missed = await lookUp(input, batch);
        } finally {
          state.lookingUp = null;
        }
        if (missed > 0) return;
        size = CHUNK;
      }
    }
  };
  state.ended = run().catch((error: unknown) => {
    input.log.debug({ err: error, jobId: input.jobId }, 'looking up synced users while adding failed; the check after the adds will');
  });
  return state;
}

/** Looks `batch` up in Dataverse and marks the members there and enabled as visible; returns how many are not. */
async function lookUp(input: VisibilityCheck, batch: readonly { seq: number; objectId: string }[]): Promise<number> {
  const rows = await input.dataverse.findSystemUsers(input.instanceUrl, batch.map((m) => m.objectId));
  const enabled = new Map(rows.filter((r) => !r.isDisabled).map((r) => [r.azureObjectId.toLowerCase(), r]));
  const seen = batch.filter((m) => enabled.has(m.objectId));
  input.onVisible?.(seen.map((m) => ({ ...m, row: enabled.get(m.objectId) as SystemUser })));
  await markVisible(input.db, input.jobId, seen.map((m) => m.seq));
  return batch.length - seen.length;
}
