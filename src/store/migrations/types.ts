import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/** One schema change, written once with Kysely's schema builder; `kind` only where the two databases differ. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>, kind: StoreKind): Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Epoch milliseconds: past 2^31, so BIGINT in PostgreSQL (SQLite's INTEGER holds 64 bits anyway). */
export const MS = 'bigint';

/** A generated integer key: SQLite's rowid alias (AUTOINCREMENT: ids are never reused), PostgreSQL's identity column. */
export function autoId(kind: StoreKind): [type: 'integer' | 'bigint', build: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return kind === 'postgres'
    ? ['bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity()]
    : ['integer', (col) => col.primaryKey().autoIncrement()];
}
