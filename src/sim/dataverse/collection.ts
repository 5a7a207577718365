import type { SimResponse } from '../types';
import { queryError } from './dataverse-errors';
import type { EntitySet, Row } from './entity-sets';
import { matches } from './filter-eval';
import { EXPANDED_ROWS_LIMIT, type ExpandOption, type QueryOptions, type ReadQuery } from './query-options';
import { odataQueryString } from './query-string';

const DEFAULT_PAGE_SIZE = 5000;

export interface CollectionRequest {
  /** Base URL of the Web API, ending in `/api/data/v9.2/`. */
  base: string;
  /** Path below base, e.g. `systemusers` or `systemusers(…)/teammembership_association`. */
  resourcePath: string;
  query: URLSearchParams;
  prefer: string | undefined;
  /** UNVERIFIED knob: expanded collections come back empty, only with their `<property>@odata.nextLink`. */
  expandedLinkOnly: boolean;
}

/** How expanded collections are paged and annotated (Join tables using OData, "Expand collection-valued navigation properties"). */
interface ExpandPaging {
  base: string;
  /** `Prefer: odata.maxpagesize` when the query has a nested $expand ("paging is applied to each of the expanded collections"); else null. */
  pageSize: number | null;
  /** `<property>@odata.nextLink` on each expanded collection: collection queries only (a single-row retrieve has none). */
  links: boolean;
  linkOnly: boolean;
}

/** Filters, orders, pages and projects `rows` (§3.1 paging: `Prefer: odata.maxpagesize`, `$skiptoken`). */
export function collectionResponse(rows: Row[], set: EntitySet, read: ReadQuery, request: CollectionRequest): SimResponse {
  const { options } = read;
  const selected = applyOrder(options.filter ? rows.filter((row) => matches(options.filter as NonNullable<QueryOptions['filter']>, row)) : rows, options);
  const maxPageSize = readMaxPageSize(request.prefer);
  const offset = readSkipToken(request.query.get('$skiptoken'));
  const limit = options.top ?? maxPageSize ?? DEFAULT_PAGE_SIZE;
  const end = options.top !== null ? Math.min(options.top, selected.length) : Math.min(offset + limit, selected.length);
  const page = selected.slice(offset, end);
  const paging: ExpandPaging = { base: request.base, pageSize: read.nested ? maxPageSize : null, links: true, linkOnly: request.expandedLinkOnly };
  const body: Record<string, unknown> = { '@odata.context': `${request.base}$metadata#${set.name}${selectSuffix(options)}` };
  if (options.count) body['@odata.count'] = selected.length;
  body.value = page.map((row) => project(row, set, options, paging));
  if (options.top === null && end < selected.length) {
    const next = new URLSearchParams(request.query);
    next.set('$skiptoken', skipToken(end, limit));
    body['@odata.nextLink'] = `${request.base}${request.resourcePath}?${odataQueryString(next)}`;
  }
  const headers: Record<string, string> = { 'odata-version': '4.0' };
  if (maxPageSize !== null) headers['preference-applied'] = `odata.maxpagesize=${maxPageSize}`;
  return { status: 200, headers, body };
}

export function entityResponse(row: Row, set: EntitySet, read: ReadQuery, base: string): SimResponse {
  const paging: ExpandPaging = { base, pageSize: null, links: false, linkOnly: false };
  return {
    status: 200,
    headers: { 'odata-version': '4.0' },
    body: { '@odata.context': `${base}$metadata#${set.name}${selectSuffix(read.options)}/$entity`, ...project(row, set, read.options, paging) },
  };
}

/** The selected columns (the primary key always comes back) and the expanded navigation properties. */
function project(row: Row, set: EntitySet, options: QueryOptions, paging: ExpandPaging): Record<string, unknown> {
  const columns = options.select ?? Object.keys(set.columns);
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column] = row.record[column] ?? null;
  record[set.key] = row.record[set.key];
  for (const expand of options.expand) {
    const related = row.navigate(expand.navigation);
    const matching = expand.options.filter ? related.filter((child) => matches(expand.options.filter as NonNullable<QueryOptions['filter']>, child)) : related;
    if (expand.kind === 'N:1') {
      const [one] = matching;
      record[expand.navigation] = one ? project(one, expand.target, expand.options, paging) : null;
      continue;
    }
    const ordered = applyOrder(matching, expand.options);
    const wanted = expand.options.top !== null ? ordered.slice(0, expand.options.top) : ordered;
    const shown = paging.linkOnly && paging.links ? [] : wanted.slice(0, paging.pageSize ?? EXPANDED_ROWS_LIMIT);
    record[expand.navigation] = shown.map((child) => project(child, expand.target, expand.options, paging));
    if (paging.links) record[`${expand.navigation}@odata.nextLink`] = expandedLink(paging, set, row, expand);
  }
  return record;
}

/**
 * `<property>@odata.nextLink`: the related collection of this row with the expand's own options. A
 * single-level expand's link carries no paging information (it returns the same rows again); in a
 * query with a nested $expand and `Prefer: odata.maxpagesize` it carries the `$skiptoken` of the next page.
 */
function expandedLink(paging: ExpandPaging, set: EntitySet, row: Row, expand: ExpandOption): string {
  const params = new URLSearchParams(expand.written);
  if (paging.pageSize !== null && !paging.linkOnly) params.set('$skiptoken', skipToken(paging.pageSize, paging.pageSize));
  const query = odataQueryString(params);
  const path = `${paging.base}${set.name}(${String(row.record[set.key])})/${expand.navigation}`;
  return query === '' ? path : `${path}?${query}`;
}

function skipToken(end: number, pageSize: number): string {
  return `<cookie pagenumber="${Math.floor(end / pageSize) + 1}" pagingcookie="offset%3d${end}" istracking="False" />`;
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
