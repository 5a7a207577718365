import { existsSync } from 'node:fs';
import { sanitise } from '../app/text';
import { invalidInput } from '../errors';
import { copySqliteToPostgres, type TableCopy } from '../store/copy-store';
import { describePostgres, openStore, type Store } from '../store/db';
import type { CliCommand } from './commands';

const USAGE = 'store migrate --to postgres://… [--from <sqlite file>]';

interface MigrateArgs {
  to: string;
  from: string | null;
}

export function parseStoreArgs(rawArgs: readonly string[]): MigrateArgs {
  const [verb, ...rest] = rawArgs.map(sanitise);
  if (verb !== 'migrate') throw invalidInput(`Usage: ${USAGE}`);
  let to: string | null = null;
  let from: string | null = null;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    if (arg === '--to') to = rest[++i] ?? '';
    else if (arg.startsWith('--to=')) to = arg.slice('--to='.length);
    else if (arg === '--from') from = rest[++i] ?? '';
    else if (arg.startsWith('--from=')) from = arg.slice('--from='.length);
    else throw invalidInput(`Unknown argument ${arg.startsWith('--') ? arg : '(a value without an option)'}. Usage: ${USAGE}`);
  }
  if (!to || !/^postgres(ql)?:\/\/\S+$/i.test(to)) throw invalidInput(`Say which PostgreSQL to copy into with --to postgres://user:password@host:5432/database. Usage: ${USAGE}`);
  if (from === '') throw invalidInput(`--from needs the SQLite file. Usage: ${USAGE}`);
  return { to, from };
}

const COLUMNS: [keyof TableCopy, string][] = [['source', 'in SQLite'], ['copied', 'copied now'], ['alreadyThere', 'already there'], ['differing', 'different'], ['missing', 'missing']];

function table(results: TableCopy[]): string[] {
  const width = Math.max(5, ...results.map((r) => r.table.length));
  const head = ['table'.padEnd(width), ...COLUMNS.map(([, title]) => title.padStart(13))].join(' ');
  return [head, ...results.map((r) => [r.table.padEnd(width), ...COLUMNS.map(([key]) => String(r[key]).padStart(13))].join(' '))];
}

/**
 * `npm run cli -- store migrate --to postgres://…`: moving up from SQLite to PostgreSQL. Copies the
 * SQLite store (STORE_PATH, or --from) table by table into PostgreSQL (migrated first), prints the
 * counts per table and checks them: every SQLite row is in PostgreSQL, with the same values. Safe to
 * run again (rows already there are kept). Exit 0 when every row is there, 1 when not.
 */
export const storeCliCommand: CliCommand = {
  name: 'store',
  usage: USAGE,
  summary: 'Copy the SQLite store (jobs, members, audit, watches, …) into PostgreSQL, with counts checked; safe to repeat.',
  async run(args, deps, io) {
    const { to, from } = parseStoreArgs(args);
    const path = from ?? deps.config.storePath;
    const where = describePostgres(to);
    if (!existsSync(path)) throw invalidInput(`There is no SQLite store at ${path} (STORE_PATH, or --from).`);
    let source: Store | null = null;
    let target: Store | null = null;
    try {
      source = await openStore({ kind: 'sqlite', path, onNetworkFs: deps.config.database?.sqliteOnNetworkFs ?? 'refuse' });
      target = await openStore({ kind: 'postgres', url: to, poolSize: 2 });
      io.err(`Copying the SQLite store ${path} into PostgreSQL ${where}…`);
      const results = await copySqliteToPostgres(source.db, target.db);
      for (const line of table(results)) io.out(line);
      const wrong = results.filter((r) => r.differing > 0 || r.missing > 0);
      if (wrong.length > 0) {
        io.err(`Not everything is in PostgreSQL as it is in SQLite: ${wrong.map((r) => `${r.table} (${r.differing} different, ${r.missing} missing)`).join(', ')}. ` +
          'Rows PostgreSQL already had under the same key were left as they are: copy into an empty database, or one only this command filled.');
        return 1;
      }
      const rows = results.reduce((n, r) => n + r.source, 0);
      io.err(`Done: all ${rows} rows of ${results.length} tables are in PostgreSQL ${where}. Set DATABASE_URL to it and start the bot (docs/deploy.md).`);
      return 0;
    } finally {
      await source?.close();
      await target?.close();
    }
  },
};
