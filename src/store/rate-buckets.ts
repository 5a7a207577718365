import type { Bucket, BucketStore } from '../security/rate-limit';
import type { Db } from './schema';

/** Rate-limit buckets in the store (table rate_buckets): shared by every instance on the same database. */
export function storedBuckets(db: Db): BucketStore {
  return {
    async get(key) {
      const row = await db.selectFrom('rate_buckets').select(['tokens', 'updated_at']).where('key', '=', key).executeTakeFirst();
      return row ? { tokens: Number(row.tokens), updatedAt: Number(row.updated_at) } : null;
    },
    async swap(key, expected: Bucket | null, next: Bucket) {
      if (expected === null) {
        const inserted = await db.insertInto('rate_buckets').values({ key, tokens: next.tokens, updated_at: next.updatedAt }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const updated = await db
        .updateTable('rate_buckets')
        .set({ tokens: next.tokens, updated_at: next.updatedAt })
        .where('key', '=', key).where('tokens', '=', expected.tokens).where('updated_at', '=', expected.updatedAt)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },
    async prune(before) {
      await db.deleteFrom('rate_buckets').where('updated_at', '<', before).execute();
    },
  };
}
