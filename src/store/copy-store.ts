import { sql, type Kysely } from 'kysely';

/** Tables each store keeps for itself: the migrations it ran. */
const OWN_TABLES = new Set(['schema_migrations']);
const ROWS_PER_BATCH = 500;
const ROWID = '__rowid';

export interface TableCopy {
  table: string;
  /** Rows in the SQLite store. */
  source: number;
  /** Rows this run inserted. */
  copied: number;
  /** Rows PostgreSQL already had, identical (an earlier run). */
  alreadyThere: number;
  /** Rows PostgreSQL has under the same key with other values: left as they are, and reported. */
  differing: number;
  /** Source rows PostgreSQL does not have after the copy (0 unless something went wrong). */
  missing: number;
}

interface TableShape {
  name: string;
  columns: string[];
  key: string[];
  parents: string[];
}

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Copies every table of a (migrated) SQLite store into a (migrated) PostgreSQL one: jobs, members,
 * audit, watches, subscriptions, conversations, and whatever tables later migrations add, found in
 * SQLite's catalogue. Parents first (foreign keys); rows already in PostgreSQL under the same key are
 * kept, so a second run copies nothing. Then every source row is looked up in PostgreSQL by its key
 * and compared, which is what the counts report. Generated ids keep their values, and PostgreSQL's
 * sequences are moved past them so new rows do not collide.
 */
export async function copySqliteToPostgres(source: AnyDb, target: AnyDb): Promise<TableCopy[]> {
  const shapes = inCopyOrder(await describeTables(source));
  // One read transaction: a snapshot of the SQLite store even while a bot still writes to it.
  return source.transaction().execute(async (snapshot) => {
    const results: TableCopy[] = [];
    for (const shape of shapes) {
      const targetColumns = await columnsIn(target, shape.name);
      if (targetColumns.size === 0) throw new Error(`PostgreSQL has no table ${shape.name}: its schema is older than the SQLite store's`);
      const columns = shape.columns.filter((c) => targetColumns.has(c));
      results.push(await copyTable(snapshot, target, { ...shape, columns }));
      await advanceSequences(target, shape);
    }
    return results;
  });
}

async function copyTable(source: AnyDb, target: AnyDb, shape: TableShape): Promise<TableCopy> {
  const result: TableCopy = { table: shape.name, source: 0, copied: 0, alreadyThere: 0, differing: 0, missing: 0 };
  // Pages by rowid (every table here has one): an OFFSET would re-read a million member rows per page.
  for (let after = -1; ;) {
    const page = (await sql<Row>`SELECT rowid AS ${sql.ref(ROWID)}, ${sql.join(shape.columns.map((c) => sql.ref(c)))} FROM ${sql.table(shape.name)}
      WHERE rowid > ${after} ORDER BY rowid LIMIT ${ROWS_PER_BATCH}`.execute(source)).rows;
    if (page.length === 0) break;
    after = Number(page[page.length - 1]?.[ROWID]);
    const rows = page.map(({ [ROWID]: _rowid, ...row }) => row);
    result.source += rows.length;
    const inserted = await target.insertInto(shape.name).values(rows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    result.copied += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    const stored = await rowsByKey(target, shape, rows);
    for (const row of rows) {
      const there = stored.get(keyOf(shape, row));
      if (!there) result.missing += 1;
      else if (!sameRow(shape.columns, row, there)) result.differing += 1;
    }
    if (rows.length < ROWS_PER_BATCH) break;
  }
  result.alreadyThere = result.source - result.copied - result.differing - result.missing;
  return result;
}

/** The target's rows with the keys of `rows`, by key. */
async function rowsByKey(target: AnyDb, shape: TableShape, rows: Row[]): Promise<Map<string, Row>> {
  const [first, ...rest] = shape.key;
  if (first === undefined) return new Map();
  let query = target.selectFrom(shape.name).select(shape.columns).where(first, 'in', [...new Set(rows.map((r) => r[first]))]);
  for (const column of rest) query = query.where(column, 'in', [...new Set(rows.map((r) => r[column]))]);
  const found = (await query.execute()) as Row[];
  return new Map(found.map((row) => [keyOf(shape, row), row]));
}

const keyOf = (shape: TableShape, row: Row): string => JSON.stringify(shape.key.map((k) => normalise(row[k])));

function sameRow(columns: string[], a: Row, b: Row): boolean {
  return columns.every((c) => normalise(a[c]) === normalise(b[c]));
}

/** The same value from either store (a 64-bit integer may come back as a bigint). */
function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value === undefined ? null : value;
}

async function describeTables(db: AnyDb): Promise<TableShape[]> {
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const shapes: TableShape[] = [];
  for (const { name } of tables.rows) {
    if (OWN_TABLES.has(name)) continue;
    const info = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${name})`.execute(db);
    const parents = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list(${name})`.execute(db);
    shapes.push({
      name,
      columns: info.rows.map((c) => c.name),
      key: info.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      parents: parents.rows.map((p) => p.table).filter((p) => p !== name),
    });
  }
  return shapes;
}

/** Parents before the tables that reference them. */
function inCopyOrder(shapes: TableShape[]): TableShape[] {
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const place = (shape: TableShape, path: Set<string>): void => {
    if (placed.has(shape.name) || path.has(shape.name)) return;
    path.add(shape.name);
    for (const parent of shape.parents) {
      const parentShape = shapes.find((s) => s.name === parent);
      if (parentShape) place(parentShape, path);
    }
    placed.add(shape.name);
    ordered.push(shape);
  };
  for (const shape of shapes) place(shape, new Set());
  return ordered;
}

async function columnsIn(db: AnyDb, table: string): Promise<Set<string>> {
  const rows = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db);
  return new Set(rows.rows.map((r) => r.column_name));
}

/** An identity key copied with its values: the sequence continues after the highest one. */
async function advanceSequences(db: AnyDb, shape: TableShape): Promise<void> {
  for (const column of shape.key) {
    const found = await sql<{ seq: string | null }>`SELECT pg_get_serial_sequence(${shape.name}, ${column}) AS seq`.execute(db);
    const sequence = found.rows[0]?.seq;
    if (!sequence) continue;
    await sql`SELECT setval(${sequence}, GREATEST((SELECT MAX(${sql.ref(column)}) FROM ${sql.table(shape.name)}), 1))`.execute(db);
  }
}
