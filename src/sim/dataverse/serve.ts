import type { SimDataverse, SimEnvironment, SimSystemUser } from '../model';
import type { SimConfig, SimResponse, TenantState } from '../types';
import { associateRole, disassociateRole, REF_PATH } from './associations';
import { collectionResponse, entityResponse } from './collection';
import { createTeam } from './create-team';
import { DataverseQueryError, dataverseError } from './dataverse-errors';
import { entitySet, navigationOf, type EntitySet, type Row, type Scope } from './entity-sets';
import { pinnedValues } from './filter-eval';
import { isSingleValued } from './navigation-metadata';
import { READ_PRIVILEGES, requirePrivilege } from './privileges';
import { readQueryOptions } from './query-options';
import { updateSystemUser } from './update-user';

const RESOURCE = /^([A-Za-z]+)(?:\(([^)]*)\))?(?:\/([A-Za-z_]+))?\/?$/;
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One authenticated caller in one environment's Web API. */
export interface DataverseSession {
  env: SimEnvironment;
  dataverse: SimDataverse;
  state: TenantState;
  config: SimConfig;
  caller: SimSystemUser;
  /** Absolute base of the Web API, ending in `/api/data/v9.2/`. */
  base: string;
}

/** One request below the base: from the HTTP request itself, or from a part of a `$batch`. */
export interface ServedRequest {
  method: string;
  /** Below the base, e.g. `systemusers(…)/systemuserroles_association/$ref`. */
  resourcePath: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
}

/** Reads and the writes the bot sends (§9 role assignment and business units, §11 group teams). */
export function serve(request: ServedRequest, session: DataverseSession): SimResponse {
  try {
    return route(request, session);
  } catch (error) {
    if (error instanceof DataverseQueryError) return dataverseError(error.status, error.code, error.message);
    throw error;
  }
}

function route(request: ServedRequest, session: DataverseSession): SimResponse {
  const { method, resourcePath } = request;
  if (method === 'GET') {
    const set = /^(\w+)/.exec(resourcePath)?.[1] ?? '';
    const read = READ_PRIVILEGES[set];
    const refused = read ? requirePrivilege(session.dataverse, session.caller, read.privilege, read.entity) : null;
    return refused ?? readResource(request, session);
  }
  const ref = REF_PATH.exec(resourcePath);
  if (ref && method === 'POST') return associateRole(ref, request, session);
  if (ref && method === 'DELETE') return disassociateRole(ref, request, session);
  if (method === 'POST' && resourcePath === 'teams') return createTeam(request, session);
  const row = /^systemusers\(([^)]*)\)$/.exec(resourcePath);
  if (method === 'PATCH' && row) return updateSystemUser(row[1] ?? '', request, session);
  return dataverseError(405, '0x80060888', `The HTTP method '${method}' is not supported for the resource '${resourcePath.split(/[(/]/)[0] ?? ''}' in the simulator.`);
}

function readResource(request: ServedRequest, session: DataverseSession): SimResponse {
  const { resourcePath } = request;
  const scope: Scope = { dataverse: session.dataverse, state: session.state };
  const match = RESOURCE.exec(resourcePath);
  const set = match ? entitySet(match[1] ?? '') : undefined;
  if (!match || !set) return dataverseError(404, '0x8006088a', `Resource not found for the segment '${resourcePath.split(/[(/]/)[0]}'.`);
  const [, , key, navigation] = match;
  const base = session.base;
  const collection = {
    base, resourcePath, query: request.query, prefer: request.headers.prefer, expandedLinkOnly: session.config.unverified.expandedCollectionsLinkOnly ?? false,
  };
  if (key === undefined) {
    const read = readQueryOptions(request.query, set);
    return collectionResponse(candidateRows(set, scope, read.options.filter), set, read, collection);
  }
  if (!GUID.test(key)) return dataverseError(400, '0x80060888', `Unrecognized 'Edm.Guid' literal '${key}' at '1' in '${key}'.`);
  const row = findRow(set, scope, key);
  if (!row) return notFound(set.typeName, key);
  if (navigation === undefined) return entityResponse(row, set, readQueryOptions(request.query, set), base);
  const metadata = navigationOf(set, navigation);
  const target = metadata ? entitySet(metadata.target) : undefined;
  if (!metadata || !target) return dataverseError(404, '0x8006088a', `Resource not found for the segment '${navigation}'.`);
  const read = readQueryOptions(request.query, target);
  if (!isSingleValued(metadata)) return collectionResponse(row.navigate(navigation), target, read, collection);
  // a single-valued navigation answers with the related row, or 204 when the lookup is empty (OData: a null value)
  const [related] = row.navigate(navigation);
  return related ? entityResponse(related, target, read, base) : { status: 204 };
}

function findRow(set: EntitySet, scope: Scope, key: string): Row | undefined {
  return set.rows(scope).find((candidate) => String(candidate.record[set.key]).toLowerCase() === key.toLowerCase());
}

/** Dataverse's answer for a row that does not exist (§3.1 envelope). */
export function notFound(typeName: string, id: string): SimResponse {
  return dataverseError(404, '0x80040217', `Entity '${typeName}' With Id = ${id.toLowerCase()} Does Not Exist`);
}

/** Uses the object-id index when the filter pins azureactivedirectoryobjectid (a sync's lookups). */
function candidateRows(set: EntitySet, scope: Scope, filter: Parameters<typeof pinnedValues>[0] | null): Row[] {
  const pinned = filter && set.rowsByObjectId ? pinnedValues(filter, 'azureactivedirectoryobjectid') : null;
  return pinned && set.rowsByObjectId ? set.rowsByObjectId(scope, pinned) : set.rows(scope);
}

/** `{base}roles(<id>)`, `/roles(<id>)` or `roles(<id>)`: the id of the row an `@odata.id` or `@odata.bind` names in `setName`, or null. */
export function referencedId(value: unknown, setName: string, base: string): string | null {
  if (typeof value !== 'string') return null;
  const path = value.startsWith(base) ? value.slice(base.length) : value.replace(/^\//, '');
  const match = new RegExp(`^${setName}\\(([^)]*)\\)$`).exec(path);
  return match && GUID.test(match[1] ?? '') ? (match[1] as string).toLowerCase() : null;
}
