import type { SimResponse } from '../types';
import { queryError } from './dataverse-errors';
import type { EntitySet, Row } from './entity-sets';
import { matches } from './filter-eval';
import { EXPANDED_ROWS_LIMIT, type QueryOptions } from './query-options';
import { odataQueryString } from './query-string';

const DEFAULT_PAGE_SIZE = 5000;

export interface CollectionRequest {
  /** Base URL of the Web API, ending in `/api/data/v9.2/`. */
  base: string;
  /** Path below base, e.g. `systemusers` or `systemusers(…)/teammembership_association`. */
  resourcePath: string;
  query: URLSearchParams;
  prefer: string | undefined;
}

/** Filters, orders, pages and projects `rows` (§3.1 paging: `Prefer: odata.maxpagesize`, `$skiptoken`). */
export function collectionResponse(rows: Row[], set: EntitySet, options: QueryOptions, request: CollectionRequest): SimResponse {
  const selected = applyOrder(options.filter ? rows.filter((row) => matches(options.filter as NonNullable<QueryOptions['filter']>, row)) : rows, options);
  const maxPageSize = readMaxPageSize(request.prefer);
  const offset = readSkipToken(request.query.get('$skiptoken'));
  const limit = options.top ?? maxPageSize ?? DEFAULT_PAGE_SIZE;
  const end = options.top !== null ? Math.min(options.top, selected.length) : Math.min(offset + limit, selected.length);
  const page = selected.slice(offset, end);
  const body: Record<string, unknown> = { '@odata.context': `${request.base}$metadata#${set.name}${selectSuffix(options)}` };
  if (options.count) body['@odata.count'] = selected.length;
  body.value = page.map((row) => project(row, set, options));
  if (options.top === null && end < selected.length) {
    const next = new URLSearchParams(request.query);
    next.set('$skiptoken', `<cookie pagenumber="${Math.floor(end / limit) + 1}" pagingcookie="offset%3d${end}" istracking="False" />`);
    body['@odata.nextLink'] = `${request.base}${request.resourcePath}?${odataQueryString(next)}`;
  }
  const headers: Record<string, string> = { 'odata-version': '4.0' };
  if (maxPageSize !== null) headers['preference-applied'] = `odata.maxpagesize=${maxPageSize}`;
  return { status: 200, headers, body };
}

export function entityResponse(row: Row, set: EntitySet, options: QueryOptions, base: string): SimResponse {
  return {
    status: 200,
    headers: { 'odata-version': '4.0' },
    body: { '@odata.context': `${base}$metadata#${set.name}${selectSuffix(options)}/$entity`, ...project(row, set, options) },
  };
}

/** The selected columns (the primary key always comes back) and the expanded navigation properties. */
export function project(row: Row, set: EntitySet, options: QueryOptions): Record<string, unknown> {
  const columns = options.select ?? Object.keys(set.columns);
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column] = row.record[column] ?? null;
  record[set.key] = row.record[set.key];
  for (const expand of options.expand) {
    const related = row.navigate(expand.navigation);
    const filtered = expand.options.filter ? related.filter((child) => matches(expand.options.filter as NonNullable<QueryOptions['filter']>, child)) : related;
    record[expand.navigation] = applyOrder(filtered, expand.options).slice(0, EXPANDED_ROWS_LIMIT).map((child) => project(child, expand.target, expand.options));
  }
  return record;
}

function applyOrder(rows: Row[], options: QueryOptions): Row[] {
  if (options.orderBy.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const { property, descending } of options.orderBy) {
      const order = compareValues(a.record[property], b.record[property]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { sensitivity: 'base' });
  return a < b ? -1 : a > b ? 1 : 0;
}

function selectSuffix(options: QueryOptions): string {
  return options.select ? `(${options.select.join(',')})` : '';
}

function readMaxPageSize(prefer: string | undefined): number | null {
  const match = prefer ? /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer) : null;
  if (!match) return null;
  const size = Number(match[1]);
  return size >= 1 ? Math.min(size, DEFAULT_PAGE_SIZE) : null;
}

function readSkipToken(token: string | null): number {
  if (token === null) return 0;
  const match = /pagingcookie="offset%3d(\d+)"/.exec(token);
  if (!match) throw queryError(`The skip token value '${token}' is invalid.`);
  return Number(match[1]);
}
