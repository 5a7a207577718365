import type { SimContext, SimRequest, SimResponse } from '../types';
import { GraphQueryError, fromQueryError, isEventual } from './errors';
import { evaluateFilter, filterProperties, needsAdvancedQuery, parseFilter } from './odata-filter';
import { decodeSkipToken, nextLink, pageSize } from './paging';
import { type DirectoryObject, type ObjectKind, RESOURCE_TYPES, knownProperties, project, readProperty } from './resources';
import { matchesSearch, parseSearch } from './search';

export interface ListOptions {
  /** After `$metadata#`, e.g. `users` or `directoryObjects`. */
  contextPath: string;
  /** The kinds this collection can hold (drives $select/$filter validation). */
  kinds: ObjectKind[];
  /** Items carry @odata.type (relationship collections of directoryObjects). */
  withType: boolean;
  /** Relationship collections: $filter is an advanced query (ConsistencyLevel: eventual and $count=true, §4.3). */
  filterIsAdvancedQuery: boolean;
  /** false for /directoryRoles/{id}/members: everything (up to 1,000) in one response. */
  pageable: boolean;
}

const UNSUPPORTED_OPTIONS = ['$orderby', '$expand', '$skip'];

/** The shared query pipeline of directory collections: $count, $search, $filter, $select, $top + $skiptoken. */
export function listCollection(req: SimRequest, ctx: SimContext, items: DirectoryObject[], options: ListOptions): SimResponse {
  try {
    return build(req, ctx, items, options);
  } catch (err) {
    return fromQueryError(req, err);
  }
}

function build(req: SimRequest, ctx: SimContext, items: DirectoryObject[], options: ListOptions): SimResponse {
  for (const name of UNSUPPORTED_OPTIONS) {
    if (req.query.has(name)) throw new GraphQueryError('Request_UnsupportedQuery', `The query option '${name}' is not supported by the simulated tenant.`);
  }
  const count = req.query.get('$count');
  const eventual = isEventual(req);
  if (count !== null && count !== 'true' && count !== 'false') throw new GraphQueryError('BadRequest', `Invalid value '${count}' for $count. Use true or false.`);
  if (count === 'true' && !eventual) throw new GraphQueryError('Request_BadRequest', '$count is not currently supported.');
  const select = parseSelect(req, options.kinds);
  const domain = ctx.state.fixture.tenant.defaultDomain;
  let result = items;
  const search = req.query.get('$search');
  if (search !== null) {
    if (!eventual) {
      throw new GraphQueryError('Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }
    result = applySearch(result, search, options.kinds, domain);
  }
  const filter = req.query.get('$filter');
  if (filter !== null) result = applyFilter(result, filter, options, eventual && count === 'true', domain);
  const body: Record<string, unknown> = { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${options.contextPath}${select ? `(${select.join(',')})` : ''}` };
  if (count === 'true') body['@odata.count'] = result.length;
  if (!options.pageable) {
    body.value = result.slice(0, 1000).map((o) => project(o, select, domain, options.withType));
    return { status: 200, body };
  }
  const size = pageSize(req);
  const offset = decodeSkipToken(req);
  const page = result.slice(offset, offset + size);
  body.value = page.map((o) => project(o, select, domain, options.withType));
  if (offset + size < result.length) body['@odata.nextLink'] = nextLink(req, ctx.origin, offset + size);
  return { status: 200, body };
}

export function parseSelect(req: SimRequest, kinds: ObjectKind[]): string[] | undefined {
  const raw = req.query.get('$select');
  if (raw === null) return undefined;
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const known = new Set(kinds.flatMap(knownProperties));
  for (const name of names) {
    if (!known.has(name)) throw new GraphQueryError('BadRequest', `Could not find a property named '${name}' on type '${RESOURCE_TYPES[kinds[0] as ObjectKind].graphType}'.`);
  }
  return names;
}

function applySearch(items: DirectoryObject[], raw: string, kinds: ObjectKind[], domain: string): DirectoryObject[] {
  const { op, clauses } = parseSearch(raw);
  const searchable = new Set(kinds.flatMap((k) => RESOURCE_TYPES[k].searchable));
  for (const c of clauses) {
    if (!searchable.has(c.property)) throw new GraphQueryError('Request_UnsupportedQuery', `Unsupported or invalid $search property '${c.property}'.`);
  }
  return items.filter((o) => {
    const hit = (c: { property: string; term: string }): boolean => matchesSearch(readProperty(o, c.property, domain), c.term);
    return op === 'AND' ? clauses.every(hit) : clauses.some(hit);
  });
}

function applyFilter(items: DirectoryObject[], raw: string, options: ListOptions, advanced: boolean, domain: string): DirectoryObject[] {
  const tree = parseFilter(raw);
  const resource = RESOURCE_TYPES[options.kinds[0] as ObjectKind].graphType.replace('microsoft.graph.', '');
  const resourceName = resource.charAt(0).toUpperCase() + resource.slice(1);
  const known = new Set(options.kinds.flatMap(knownProperties));
  const filterable = new Set(options.kinds.flatMap((k) => RESOURCE_TYPES[k].filterable));
  for (const property of filterProperties(tree)) {
    if (!known.has(property)) throw new GraphQueryError('BadRequest', `Could not find a property named '${property}' on type '${RESOURCE_TYPES[options.kinds[0] as ObjectKind].graphType}'.`);
    const needsMore = !filterable.has(property) || (needsAdvancedQuery(tree) && !advanced) || (options.filterIsAdvancedQuery && !advanced);
    if (needsMore) throw new GraphQueryError('Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resourceName}'.`);
  }
  return items.filter((o) => evaluateFilter(tree, (p) => readProperty(o, p, domain)));
}
