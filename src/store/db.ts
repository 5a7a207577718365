import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { StoreKind } from './dialect';
import { migrate } from './migrate';
import { DEFAULT_MOUNTS_FILE, isNetworkType, mountOf } from './network-fs';
import { configuredPostgres, type PostgresConnection } from './postgres-connection';
import type { Schema } from './schema';

export interface StoreHealth {
  ok: boolean;
  schemaVersion: number | null;
  error?: string;
}

/** The bot's store: SQLite (one instance, the default) or PostgreSQL (DATABASE_URL, several instances). */
export interface Store {
  readonly kind: StoreKind;
  readonly db: Kysely<Schema>;
  /** Where it is, for logs: the SQLite file, or PostgreSQL's host and database (never the password). */
  readonly location: string;
  /** Cheap probe for /healthz: the store answers a query. */
  health(): Promise<StoreHealth>;
  /** Throws when the store cannot take a write (read-only file, lost connection, full disk…); changes nothing. */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}

export type StoreTarget =
  | {
      kind: 'sqlite';
      /** A file, or `:memory:` for a private in-memory store (tests). */
      path: string;
      /** `rollback-journal`: the admin accepts a network filesystem for one instance (SQLITE_ALLOW_NETWORK_FS). */
      onNetworkFs?: 'refuse' | 'rollback-journal';
      /** The mount table to read (tests inject one). */
      mountsFile?: string;
      /** Told when the store runs in rollback-journal mode on a network filesystem. */
      warn?(message: string): void;
    }
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** How to sign in, when not with the password in `url` (DATABASE_AUTH=entra: a token per connection). */
      connection?: PostgresConnection;
    };

/** Opens (creating and migrating if needed) the store. */
export async function openStore(target: StoreTarget): Promise<Store> {
  const store = target.kind === 'postgres' ? openPostgres(target) : openSqlite(target);
  try {
    await migrate(store.db, store.kind);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** SQLite at `path` with the defaults (tests, tools). */
export const openSqliteStore = (path: string): Promise<Store> => openStore({ kind: 'sqlite', path });

function openSqlite(target: Extract<StoreTarget, { kind: 'sqlite' }>): Store {
  const { path } = target;
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const mount = inMemory ? null : mountOf(path, target.mountsFile ?? DEFAULT_MOUNTS_FILE);
  const onNetwork = mount !== null && isNetworkType(mount.type);
  if (onNetwork && target.onNetworkFs !== 'rollback-journal') {
    throw new AppError(
      'config.invalid',
      `Refusing to open the SQLite store ${path}: it is on a network filesystem (${mount.type} at ${mount.mountPoint}), where SQLite's locking is not reliable and WAL does not work (Azure App Service's /home is such a share). ` +
        'Use PostgreSQL (set DATABASE_URL, see docs/deploy.md), or move STORE_PATH to a local disk. To run anyway on one single instance, set SQLITE_ALLOW_NETWORK_FS=rollback-journal.',
    );
  }
  const database = new BetterSqlite3(path);
  try {
    database.pragma(onNetwork ? 'journal_mode = DELETE' : 'journal_mode = WAL');
    // A sync job's members are keyed by random object ids, so each batch of 1,000 appended dirties
    // about as many index pages, spread over the whole index. At the default (a checkpoint per 1,000
    // pages of WAL) nearly every such commit also copied its pages into the database file. A checkpoint
    // per 10,000 pages (40 MB of WAL) copies a page rewritten by several batches once: appending 200,000
    // members took 6.3 s instead of 8.9 s (50,000: 1.2 s instead of 1.3 s); 40,000 pages gained nothing more.
    if (!onNetwork) database.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database.close();
    throw error;
  }
  if (onNetwork) target.warn?.(`The SQLite store ${path} is on a network filesystem (${mount.type} at ${mount.mountPoint}): rollback journal instead of WAL, as SQLITE_ALLOW_NETWORK_FS asks. Run ONE instance only.`);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return withProbes('sqlite', db, path, async () => {
    await db.destroy();
  });
}

const WAL_CHECKPOINT_PAGES = 10_000;

/** How many distinct statements stay prepared: the store's queries are a few hundred texts at most. */
const CACHED_STATEMENTS = 500;

/**
 * better-sqlite3 with its prepared statements kept by SQL text: Kysely prepares every query it
 * runs, and for the short queries of a sync job (a page of members, a batch of outcomes) SQLite
 * parsing and planning the text again costs about as much as running it.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      const cached = prepared.get(text);
      if (cached) return cached;
      const statement = database.prepare(text);
      if (prepared.size >= CACHED_STATEMENTS) prepared.delete(prepared.keys().next().value as string);
      prepared.set(text, statement);
      return statement;
    },
  };
}

/** BIGINT (counts, epoch milliseconds) and NUMERIC (sums) read as numbers: every value the store keeps fits in 2^53. */
const NUMBER_TYPES = new Set([20, 1700]);
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBER_TYPES.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(target: Extract<StoreTarget, { kind: 'postgres' }>): Store {
  const { url, poolSize = 10 } = target;
  const pool = new pg.Pool({ ...(target.connection ?? { connectionString: url }), max: poolSize, types: pgTypes, application_name: 'dataverse-access-bot' });
  // An idle client whose connection drops emits 'error' on the pool; the next query gets a fresh connection.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return withProbes('postgres', db, describePostgres(url), () => db.destroy());
}

/** host:port/database of a connection string, without user or password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

function withProbes(kind: StoreKind, db: Kysely<Schema>, location: string, close: () => Promise<void>): Store {
  return {
    kind,
    db,
    location,
    async health() {
      try {
        const row = await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
        return { ok: true, schemaVersion: row?.version === null || row?.version === undefined ? null : Number(row.version) };
      } catch (error) {
        return { ok: false, schemaVersion: null, error: error instanceof Error ? error.message : String(error) };
      }
    },
    async checkWritable() {
      // Takes the write lock and rewrites one value with itself: fails on a read-only or unreachable store.
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('schema_migrations').set({ applied_at: sql`applied_at` }).where('version', '=', sql<number>`(SELECT MAX(version) FROM schema_migrations)`).execute();
      });
    },
    close,
  };
}

/** Where the configured store is: PostgreSQL when DATABASE_URL is set (signed in as DATABASE_AUTH says), else SQLite at STORE_PATH. */
export function storeTarget(config: Pick<Config, 'storePath' | 'database' | 'microsoft'>, warn?: (message: string) => void): StoreTarget {
  const url = config.database?.url ?? null;
  const connection = configuredPostgres(config);
  if (url !== null && connection !== null) return { kind: 'postgres', url, connection };
  return { kind: 'sqlite', path: config.storePath, onNetworkFs: config.database?.sqliteOnNetworkFs ?? 'refuse', warn };
}
