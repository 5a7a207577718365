/**
 * The few places where SQLite and PostgreSQL spell a query differently, each in one function: the
 * repositories call these and stay one copy for both stores.
 */
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db } from './schema';

export type StoreKind = 'sqlite' | 'postgres';

export function kindOf(db: Db): StoreKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A text member of a JSON object kept in a text column: `json_extract` (SQLite), `->>` (PostgreSQL). */
export function jsonText(db: Db, column: string, key: string): RawBuilder<string | null> {
  return kindOf(db) === 'postgres' ? sql<string | null>`(${sql.ref(column)}::jsonb ->> ${sql.lit(key)})` : sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)})`;
}
