import type { Logger } from 'pino';
import type { DataverseGateway, SystemUser } from '../gateways/types';
import type { VisibleMember } from './after-sync';
import { backoffDelay } from '../backoff';
import type { Clock } from './clock';
import { countSyncedNotVisible, markVisible, syncedNotVisible } from './member-store';
import type { Db } from '../store/schema';

const CHUNK = 1000;

/**
 * addUser is eventually consistent (microsoft-apis.md §1.2): polls Dataverse `systemusers` in
 * batched queries until every synced member is there and enabled, or `windowMs` has passed.
 * Returns how many synced members are still not visible.
 */
export async function confirmVisibility(input: {
  db: Db; jobId: string; instanceUrl: string; dataverse: DataverseGateway; clock: Clock; windowMs: number; log: Logger;
  /** Each batch of members found visible, with their rows (the role step takes them from here: no second lookup). */
  onVisible?: (found: VisibleMember[]) => void;
}): Promise<number> {
  const { db, jobId, clock } = input;
  const deadline = clock.now() + input.windowMs;
  for (let round = 1; ; round += 1) {
    let missing = 0;
    let cursor = 0;
    for (let batch = await syncedNotVisible(db, jobId, cursor, CHUNK); batch.length > 0; batch = await syncedNotVisible(db, jobId, cursor, CHUNK)) {
      cursor = batch[batch.length - 1]?.seq ?? cursor;
      let rows;
      try {
        rows = await input.dataverse.findSystemUsers(input.instanceUrl, batch.map((m) => m.objectId));
      } catch (error) {
        input.log.warn({ err: error, jobId }, 'could not confirm synced users in Dataverse; reporting them as not visible yet');
        return batch.length + missing + (await countSyncedNotVisible(db, jobId, cursor));
      }
      const enabled = new Map(rows.filter((r) => !r.isDisabled).map((r) => [r.azureObjectId.toLowerCase(), r]));
      const seen = batch.filter((m) => enabled.has(m.objectId));
      input.onVisible?.(seen.map((m) => ({ ...m, row: enabled.get(m.objectId) as SystemUser })));
      await markVisible(db, jobId, seen.map((m) => m.seq));
      missing += batch.length - seen.length;
    }
    const left = deadline - clock.now();
    if (missing === 0 || left <= 0) return missing;
    await clock.sleep(Math.min(left, backoffDelay(round, { baseMs: 1_000, maxMs: 10_000 })));
  }
}
