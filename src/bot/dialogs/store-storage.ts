import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { DialogStateStore } from '../../store/dialog-states';

/** Rows nobody has written for this long are dropped (a dialog itself expires much sooner). */
const RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * botbuilder's Storage on the bot's own store (table dialog_state), so dialog state lives where
 * the rest of the bot's state does (SQLite or PostgreSQL) and survives a restart. eTags work as in
 * botbuilder's MemoryStorage: `*` or none overwrites, an old one is refused.
 */
export function storeStorage(states: DialogStateStore, now: () => number): Storage {
  let prunedAt = Number.NEGATIVE_INFINITY;
  return {
    async read(keys) {
      const items: StoreItems = {};
      for (const [key, stored] of await states.read(keys)) items[key] = { ...(JSON.parse(stored.state) as StoreItem), eTag: stored.etag };
      return items;
    },
    async write(changes) {
      const at = now();
      for (const [key, item] of Object.entries(changes) as [string, StoreItem][]) {
        const { eTag, ...state } = item;
        const expected = eTag === undefined || eTag === '*' ? null : String(eTag);
        const written = await states.write(key, JSON.stringify(state), expected, at);
        if (written === null) throw new Error(`Dialog state "${key}" was changed by another turn`);
        // As MemoryStorage does: the caller's copy carries the new eTag, so its next write in this turn is accepted.
        item.eTag = written;
      }
      if (at - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = at;
        await states.prune(at - RETENTION_MS);
      }
    },
    async delete(keys) {
      await states.delete(keys);
    },
  };
}
