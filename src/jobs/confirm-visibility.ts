import type { Logger } from 'pino';
import { IDS_PER_REQUEST, type DataverseGateway, type SystemUser } from '../gateways/types';
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

/** A lookup of synced members under way: who it asks about, and how many of them Dataverse does not show. */
export interface LookupUnderWay {
  readonly seqs: ReadonlySet<number>;
  readonly missing: Promise<number>;
}

/** The lookups while the adds run (`confirmWhileAdding`). */
export interface LookupsWhileAdding {
  /** The lookup under way now, if any: the check after the adds leaves its members to it instead of waiting for it. */
  underWay(): LookupUnderWay | null;
  /** Resolves once no lookup runs any more (soon after the adds are done). */
  readonly stopped: Promise<void>;
}

/**
 * addUser is eventually consistent (microsoft-apis.md §1.2): polls Dataverse `systemusers` in
 * batched queries until every synced member is there and enabled, or `windowMs` has passed.
 * The first round leaves the members of `underWay` (a lookup started while adding) to it, and counts
 * what it does not find. Returns how many synced members are still not visible.
 */
export async function confirmVisibility(input: VisibilityCheck & { windowMs: number; underWay?: LookupUnderWay | null }): Promise<number> {
  const { db, jobId, clock } = input;
  const deadline = clock.now() + input.windowMs;
  for (let round = 1; ; round += 1) {
    const underWay = round === 1 ? input.underWay ?? null : null;
    let missing = 0;
    let cursor = 0;
    for (let batch = await syncedNotVisible(db, jobId, cursor, CHUNK); batch.length > 0; batch = await syncedNotVisible(db, jobId, cursor, CHUNK)) {
      cursor = batch[batch.length - 1]?.seq ?? cursor;
      const ask = underWay ? batch.filter((m) => !underWay.seqs.has(m.seq)) : batch;
      try {
        missing += ask.length > 0 ? await lookUp(input, ask) : 0;
      } catch (error) {
        input.log.warn({ err: error, jobId }, 'could not confirm synced users in Dataverse; reporting them as not visible yet');
        await underWay?.missing;
        return batch.length + missing + (await countSyncedNotVisible(db, jobId, cursor));
      }
    }
    if (underWay) missing += await underWay.missing;
    const left = deadline - clock.now();
    if (missing === 0 || left <= 0) return missing;
    await clock.sleep(Math.min(left, backoffDelay(round, { baseMs: 1_000, maxMs: 10_000 })));
  }
}

/**
 * While the adds run, members already stored as synced are looked up, whole requests only (a
 * multiple of IDS_PER_REQUEST), each member once: when the last add returns, confirmVisibility has
 * only the last few left (the 1,000-member benchmark job: one Dataverse round trip after its adds
 * instead of two), and it does not wait for a lookup still under way: it leaves that lookup's
 * members to it. The first lookup is a single request; as soon as one finds a member Dataverse
 * does not show yet (addUser's rows are late in this environment), the lookups stop and everything
 * left is for confirmVisibility: at most one extra request where it does not pay. They stop soon
 * after `addingDone` (a lookup under way finishes first), or after a failed lookup, whose members
 * confirmVisibility then counts as not visible yet.
 */
export function confirmWhileAdding(input: VisibilityCheck, addingDone: Promise<void>): LookupsWhileAdding {
  const stop = new AbortController();
  void addingDone.then(() => stop.abort());
  let current: LookupUnderWay | null = null;
  const run = async (): Promise<void> => {
    let cursor = 0;
    let size = IDS_PER_REQUEST;
    while (!stop.signal.aborted) {
      await input.clock.sleep(WHILE_ADDING_EVERY_MS, stop.signal);
      for (;;) {
        if (stop.signal.aborted) return;
        const stored = await syncedNotVisible(input.db, input.jobId, cursor, size);
        if (stop.signal.aborted) return; // the check after the adds may have begun: it asks about these itself
        const batch = stored.slice(0, stored.length - (stored.length % IDS_PER_REQUEST));
        if (batch.length === 0) break;
        cursor = batch[batch.length - 1]?.seq ?? cursor;
        const lookup: LookupUnderWay = {
          seqs: new Set(batch.map((m) => m.seq)),
          missing: lookUp(input, batch).catch((error: unknown) => {
            input.log.debug({ err: error, jobId: input.jobId }, 'looking up synced users while adding failed; they are looked up again after the adds');
            return batch.length;
          }),
        };
        current = lookup;
        const missing = await lookup.missing;
        current = null;
        if (missing > 0) return;
        size = CHUNK;
      }
    }
  };
  const stopped = run().catch((error: unknown) => {
    input.log.debug({ err: error, jobId: input.jobId }, 'reading the synced members to look up while adding failed; the check after the adds will');
  });
  return { underWay: () => current, stopped };
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
