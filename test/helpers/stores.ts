/**
 * Stores for tests: a private in-memory SQLite store. (PostgreSQL joins in a later step.)
 */
import { openSqliteStore, type Store } from '../../src/store/db';

/** A fresh, migrated in-memory SQLite store; close it with `store.close()`. */
export function memoryStore(): Promise<Store> {
  return openSqliteStore(':memory:');
}
