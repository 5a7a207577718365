import { sql, type Kysely } from 'kysely';
import type { StoreKind } from './dialect';
import { MIGRATIONS, type Migration } from './migrations';

/** Any number PostgreSQL instances agree on: the advisory lock that lets one of them migrate at a time. */
const MIGRATION_LOCK = 0x44_41_42_31;

/**
 * Applies every migration not yet recorded in schema_migrations, in version order, in one
 * transaction (PostgreSQL: behind an advisory lock, so instances starting together migrate once).
 * Refuses a list with duplicate or unordered versions before anything runs. Returns the names applied.
 */
export async function migrate(db: Kysely<any>, kind: StoreKind, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && m.version <= previous.version) throw new Error(`Migrations "${previous.name}" and "${m.name}" are out of order or share number ${m.version}`);
  });
  return db.transaction().execute(async (trx) => {
    if (kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await trx.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .execute();
    const rows = (await trx.selectFrom('schema_migrations').select('version').execute()) as { version: number }[];
    const applied = new Set(rows.map((r) => Number(r.version)));
    const ran: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await migration.up(trx, kind);
      await trx.insertInto('schema_migrations').values({ version: migration.version, name: migration.name, applied_at: Date.now() }).execute();
      ran.push(migration.name);
    }
    return ran;
  });
}
