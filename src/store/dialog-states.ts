import { randomUUID } from 'node:crypto';
import type { Db } from './schema';

export interface StoredDialogState {
  /** JSON text, opaque here (src/bot/dialogs reads and writes it). */
  state: string;
  etag: string;
}

/** Dialog state by key (table dialog_state), with optimistic concurrency: SQLite and PostgreSQL alike. */
export interface DialogStateStore {
  read(keys: readonly string[]): Promise<Map<string, StoredDialogState>>;
  /**
   * Stores `state` under `key` when the stored etag is still `expected` (or there is no row yet);
   * `expected` null overwrites whatever is there. Returns the new etag, or null when another writer
   * changed the row first.
   */
  write(key: string, state: string, expected: string | null, now: number): Promise<string | null>;
  delete(keys: readonly string[]): Promise<void>;
  /** Forgets rows not written since `before` (dialogs nobody came back to). */
  prune(before: number): Promise<void>;
}

export function createDialogStateStore(db: Db): DialogStateStore {
  return {
    async read(keys) {
      if (keys.length === 0) return new Map();
      const rows = await db.selectFrom('dialog_state').select(['key', 'state', 'etag']).where('key', 'in', [...keys]).execute();
      return new Map(rows.map((row) => [row.key, { state: row.state, etag: row.etag }]));
    },
    async write(key, state, expected, now) {
      const etag = randomUUID();
      const row = { state, etag, updated_at: now };
      if (expected === null) {
        await db.insertInto('dialog_state').values({ key, ...row }).onConflict((oc) => oc.column('key').doUpdateSet(row)).execute();
        return etag;
      }
      const updated = await db.updateTable('dialog_state').set(row).where('key', '=', key).where('etag', '=', expected).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) return etag;
      const inserted = await db.insertInto('dialog_state').values({ key, ...row }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? etag : null;
    },
    async delete(keys) {
      if (keys.length > 0) await db.deleteFrom('dialog_state').where('key', 'in', [...keys]).execute();
    },
    async prune(before) {
      await db.deleteFrom('dialog_state').where('updated_at', '<', before).execute();
    },
  };
}
