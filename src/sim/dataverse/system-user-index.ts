import type { SimSystemUser } from '../model';

/**
 * Append-only index of an environment's systemusers by Entra object id (value: position in the
 * array), so addUser and `$filter=azureactivedirectoryobjectid eq …` stay O(1) in environments with
 * tens of thousands of users. Rows appended later are indexed on the next lookup; the index is
 * rebuilt when rows disappear or are rewritten behind its back.
 */
const indexes = new WeakMap<SimSystemUser[], { indexed: number; byObjectId: Map<string, number> }>();

function positions(rows: SimSystemUser[], rebuild = false): Map<string, number> {
  let entry = indexes.get(rows);
  if (!entry || rebuild || entry.indexed > rows.length) {
    entry = { indexed: 0, byObjectId: new Map() };
    indexes.set(rows, entry);
  }
  for (; entry.indexed < rows.length; entry.indexed += 1) {
    const row = rows[entry.indexed];
    if (row?.azureObjectId) entry.byObjectId.set(row.azureObjectId.toLowerCase(), entry.indexed);
  }
  return entry.byObjectId;
}

const holds = (row: SimSystemUser | undefined, id: string): row is SimSystemUser => row?.azureObjectId?.toLowerCase() === id;

/** Positions of the rows for these object ids, in array order (ids without a row are skipped). */
export function systemUserPositions(rows: SimSystemUser[], objectIds: readonly string[]): number[] {
  const ids = objectIds.map((id) => id.toLowerCase());
  let index = positions(rows);
  if (ids.some((id) => index.has(id) && !holds(rows[index.get(id) as number], id))) index = positions(rows, true);
  const found = new Set(ids.flatMap((id) => index.get(id) ?? []));
  return [...found].sort((a, b) => a - b);
}

export function systemUserByObjectId(rows: SimSystemUser[], objectId: string): SimSystemUser | undefined {
  const [position] = systemUserPositions(rows, [objectId]);
  return position === undefined ? undefined : rows[position];
}
