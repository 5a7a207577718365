import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

// Resolved from the repo root so it also works when running the compiled dist/ build.
export const MIGRATIONS_DIR = resolve(__dirname, '..', '..', 'src', 'store', 'migrations');
const MIGRATION_FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;

/**
 * Opens (creating if needed) the SQLite store with WAL and foreign keys on, and applies every
 * migration in src/store/migrations not yet recorded in schema_migrations, in number order,
 * each in its own transaction. `:memory:` gives a private in-memory store (tests).
 */
export function openStore(path: string, migrationsDir = MIGRATIONS_DIR): Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrationsDir);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function migrate(db: Database, migrationsDir = MIGRATIONS_DIR): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const migrations = listMigrations(migrationsDir);
  const ran: string[] = [];
  for (const { version, file } of migrations) {
    if (applied.has(version)) continue;
    const sql = readFileSync(resolve(migrationsDir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, file, Date.now());
    })();
    ran.push(file);
  }
  return ran;
}

/** Every NNN-name.sql file in number order; refuses misnamed files and duplicate numbers before anything runs. */
function listMigrations(migrationsDir: string): { version: number; file: string }[] {
  const files = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
  const byVersion = new Map<number, string>();
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`Migration file "${file}" must be named NNN-name.sql`);
    const version = Number(match[1]);
    const clash = byVersion.get(version);
    if (clash) throw new Error(`Migrations "${clash}" and "${file}" share number ${match[1]}`);
    byVersion.set(version, file);
  }
  return [...byVersion].map(([version, file]) => ({ version, file }));
}

/** Cheap health probe for /healthz: the store answers a query. */
export function storeHealth(db: Database): { ok: boolean; schemaVersion: number | null; error?: string } {
  try {
    const version = db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null;
    return { ok: true, schemaVersion: version };
  } catch (error) {
    return { ok: false, schemaVersion: null, error: error instanceof Error ? error.message : String(error) };
  }
}
