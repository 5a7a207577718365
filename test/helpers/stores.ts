/**
 * Stores for tests: a private in-memory SQLite store, or a PostgreSQL database of its own on the
 * run's one server (test/helpers/postgres-server.ts). `BACKENDS` runs one suite against each.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSqliteStore, openStore, type Store } from '../../src/store/db';
import type { StoreKind } from '../../src/store/dialect';

/** A fresh, migrated in-memory SQLite store; close it with `store.close()`. */
export function memoryStore(): Promise<Store> {
  return openSqliteStore(':memory:');
}

function serverUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('No test PostgreSQL: jest.config.js starts one in globalSetup (test/helpers/postgres-server.ts)');
  return url;
}

/** The URL of a new, empty database on the test server (for several stores, i.e. instances, on one database). */
export async function newPostgresDatabase(): Promise<string> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated PostgreSQL store in a database of its own. */
export async function postgresStore(url?: string): Promise<Store> {
  return openStore({ kind: 'postgres', url: url ?? (await newPostgresDatabase()), poolSize: 4 });
}

export const BACKENDS: readonly [StoreKind, () => Promise<Store>][] = [
  ['sqlite', memoryStore],
  ['postgres', () => postgresStore()],
];
